"""Every setting is in .env.example (with a comment above it) and in the README's table."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = (ROOT / ".env.example").read_text().splitlines()
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_is_documented(name: str) -> None:
    key = name.upper()
    lines = [i for i, line in enumerate(ENV_EXAMPLE) if line.startswith(f"{key}=")]
    assert len(lines) == 1, f"{key} missing from .env.example"
    assert ENV_EXAMPLE[lines[0] - 1].startswith("#"), f"{key} has no comment in .env.example"
    assert f"| `{key}` |" in README, f"{key} missing from the README's settings table"
