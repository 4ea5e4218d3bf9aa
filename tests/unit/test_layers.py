"""The domain (models/, i18n/) never imports telegram: it stays testable without Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = sorted(p for folder in ("models", "i18n") for p in (ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", DOMAIN, ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_module_does_not_import_telegram_or_handlers(path: Path) -> None:
    bad = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] in ("telegram", "handlers", "bot", "simulator")
    }
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_the_scan_sees_the_domain() -> None:
    assert len(DOMAIN) > 20
    assert "models.storage.tables" in imported_modules(ROOT / "models" / "cases" / "records.py")
