"""Merging one language's per-feature text modules, refusing a key defined twice."""

from __future__ import annotations

from collections.abc import Mapping


def merge(*parts: Mapping[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"text keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged
