"""The command line: clear one-line errors for missing settings, and db upgrade."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,  # no .env here
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_without_a_token_says_what_to_set_and_exits_2(tmp_path: Path) -> None:
    result = _run(["run"], tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0] and "simulate" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_malformed_database_url_is_one_line_too(tmp_path: Path) -> None:
    result = _run(["run"], tmp_path, TELEGRAM_BOT_TOKEN="123456:" + "A" * 30, DATABASE_URL="nope")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "DATABASE_URL" in result.stderr


def test_db_upgrade_creates_the_sqlite_file_and_reports_the_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/data/kobar.db"
    result = _run(["db", "upgrade"], tmp_path, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout
    assert (tmp_path / "data" / "kobar.db").exists()


def test_the_help_lists_the_simulators_subcommand_from_its_entry_point(tmp_path: Path) -> None:
    listed = _run(["--help"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "simulate" in listed.stdout and "local web page" in listed.stdout
    own = _run(["simulate", "--help"], tmp_path)
    assert own.returncode == 0, own.stderr
    assert "--demo-data" in own.stdout and "--fresh" in own.stdout


def test_the_production_commands_never_import_the_simulator_or_the_emulator(
    tmp_path: Path,
) -> None:
    script = (
        "import sys\n"
        "from bot.__main__ import main\n"
        "status = main(['db', 'upgrade'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('simulator', 'emulator'))\n"
        "print(status, loaded)\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**clean, "DATABASE_URL": f"sqlite:///{tmp_path}/kobar.db"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "0 []"
