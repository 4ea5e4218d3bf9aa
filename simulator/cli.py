"""The `simulate` subcommand's arguments and entry point (kept light: imported by every CLI run)."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DATABASE = Path("data/simulator.db")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8080, help="web page port (default 8080)")
    parser.add_argument("--host", default="127.0.0.1", help="web page address (default local)")
    parser.add_argument(
        "--demo-data",
        action="store_true",
        help="load about 200 fictional cases of January-November 2024 (once per database)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="start from an empty simulator database"
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=DEFAULT_DATABASE,
        help=f"the simulator's SQLite file (default {DEFAULT_DATABASE})",
    )


def simulate(args: argparse.Namespace, *, log_level: str = "INFO") -> int:
    """Runs the simulator until Ctrl-C; returns the exit status."""
    from simulator.main import SimulatorOptions, run

    return run(
        SimulatorOptions(
            host=args.host,
            port=args.port,
            database=args.database,
            demo_data=args.demo_data,
            fresh=args.fresh,
            log_level=log_level,
        )
    )
