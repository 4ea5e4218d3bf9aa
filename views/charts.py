"""Chart images for digests and reports: matplotlib's Agg backend, PNG bytes, no windows.

Figures are made with `matplotlib.figure.Figure` directly (not pyplot), so nothing global is
kept between charts and they can be drawn from a worker thread.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

BAR_COLOUR = "#2F6DB5"
DPI = 100


def cases_chart(
    *,
    title: str,
    daily_label: str,
    daily: Sequence[tuple[date, int]],
    bars_label: str,
    bars: Sequence[tuple[str, int]],
) -> bytes:
    """Two panels: new cases per day, and counts by label (e.g. open cases by status)."""
    figure = Figure(figsize=(8, 6.5), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(title, fontsize=13)
    top, bottom = figure.subplots(2, 1, height_ratios=(3, 2))

    days = [day for day, _ in daily]
    counts = [count for _, count in daily]
    top.bar(range(len(days)), counts, color=BAR_COLOUR)
    top.set_title(daily_label, fontsize=11, loc="left")
    step = max(1, len(days) // 10)
    top.set_xticks(range(0, len(days), step))
    top.set_xticklabels([f"{d:%d/%m}" for d in days[::step]], fontsize=8)
    top.yaxis.get_major_locator().set_params(integer=True)
    top.spines[["top", "right"]].set_visible(False)

    labels = [label for label, _ in bars] or ["—"]
    values = [value for _, value in bars] or [0]
    positions = range(len(labels))
    bottom.barh(positions, values, color=BAR_COLOUR)
    bottom.set_yticks(positions)
    bottom.set_yticklabels(labels, fontsize=9)
    bottom.invert_yaxis()
    bottom.set_title(bars_label, fontsize=11, loc="left")
    bottom.xaxis.get_major_locator().set_params(integer=True)
    bottom.spines[["top", "right"]].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        bottom.text(value, position, f" {value}", va="center", fontsize=9)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
