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
