"""Derive the bot's region list from the full Kepmendagri 2025 region code list.

The source CSV (columns ``kode,nama``) lists provinces (``NN``), regencies and cities
(``NN.NN``), districts (``NN.NN.NN``) and villages (``NN.NN.NN.NNNN``). The bot needs only the
first three levels, so this script drops the villages, tidies whitespace in names, checks that
every code is well formed and unique, sorts by code and writes the same two columns with Unix
line endings.

Usage::

    python tools/build_regions.py path/to/wilayah_kepmendagri_2025.csv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "models" / "data" / "wilayah_2025.csv"

KEPT_CODE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}){0,2}")
VILLAGE_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}")
HEADER = ["kode", "nama"]


def read_regions(source: Path) -> list[tuple[str, str]]:
    """Return the ``(code, name)`` rows of levels 1-3 from ``source``, sorted by code."""
    rows: dict[str, str] = {}
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != HEADER:
            raise ValueError(f"{source}: expected header {HEADER}, got {header}")
        for line_number, record in enumerate(reader, start=2):
            if len(record) != 2:
                raise ValueError(f"{source}:{line_number}: expected 2 columns, got {len(record)}")
            code, name = record[0].strip(), " ".join(record[1].split())
            if VILLAGE_CODE.fullmatch(code):
                continue
            if not KEPT_CODE.fullmatch(code):
                raise ValueError(f"{source}:{line_number}: malformed code {code!r}")
            if not name:
                raise ValueError(f"{source}:{line_number}: empty name for {code}")
            if code in rows:
                raise ValueError(f"{source}:{line_number}: duplicate code {code}")
            rows[code] = name
    return sorted(rows.items(), key=lambda row: tuple(int(part) for part in row[0].split(".")))


def write_regions(rows: list[tuple[str, str]], output: Path) -> None:
    """Write ``rows`` as a ``kode,nama`` CSV with Unix line endings."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="full region CSV (kode,nama)")
    parser.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}"
    )
    args = parser.parse_args(argv)
    rows = read_regions(args.source)
    write_regions(rows, args.output)
    counts = [sum(1 for code, _ in rows if code.count(".") == level) for level in range(3)]
    print(
        f"wrote {args.output}: {counts[0]} provinces, {counts[1]} regencies/cities, "
        f"{counts[2]} districts",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
