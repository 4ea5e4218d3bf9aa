"""`/statistik` as staff read it: the headline, then cases and people by status, origin and
month (models.insights.stats computes the figures)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from models.insights.stats import Row, Stats
from models.reference import regions
from models.texts import Join, Msg, msg


def period_label(start: date, end: date) -> Msg:
    """`Januari sampai November 2024`, `Desember 2023 sampai Februari 2024`, `November 2024`."""
    if (start.year, start.month) == (end.year, end.month):
        return msg("stats.period.month", month=msg(f"month.{end.month}"), year=end.year)
    if start.year == end.year:
        return msg(
            "stats.period.same_year",
            start=msg(f"month.{start.month}"),
            end=msg(f"month.{end.month}"),
            year=end.year,
        )
    return msg(
        "stats.period.years",
        start=msg(f"month.{start.month}"),
        start_year=start.year,
        end=msg(f"month.{end.month}"),
        end_year=end.year,
    )


def _region_name(code: str | None) -> Msg | str:
    region = regions.get(code) if code else None
    return region.short_name if region is not None else msg("stats.unknown_origin")


def _status_name(code: str | None) -> Msg:
    return msg(f"status.{code}")


def _month_name(code: str | None) -> Msg:
    year, month = (code or "0-0").split("-")
    return msg("stats.month", month=msg(f"month.{int(month)}"), year=year)


def _lines(rows: list[Row], label: Callable[[str | None], Msg | str], limit: int) -> Join:
    shown = [
        msg("stats.row", label=label(r.code), cases=r.cases, people=r.people) for r in rows[:limit]
    ]
    if len(rows) > limit:
        rest = rows[limit:]
        shown.append(
            msg(
                "stats.row.rest",
                count=len(rest),
                cases=sum(r.cases for r in rest),
                people=sum(r.people for r in rest),
            )
        )
    return Join(tuple(shown), sep="\n")


def report(stats: Stats, *, limit: int = 10) -> Msg:
    """The whole `/statistik` message."""
    headline = msg(
        "stats.headline.about" if stats.approx_people != stats.people else "stats.headline.exact",
        people=stats.approx_people,
        period=period_label(stats.start, stats.end),
    )
    return msg(
        "stats.report",
        start=stats.start.strftime("%d-%m-%Y"),
        end=stats.end.strftime("%d-%m-%Y"),
        headline=headline,
        cases=stats.cases,
        people=stats.people,
        by_status=_lines(stats.by_status, _status_name, len(stats.by_status))
        if stats.by_status
        else msg("stats.none"),
        by_province=_lines(stats.by_province, _region_name, limit)
        if stats.by_province
        else msg("stats.none"),
        by_regency=_lines(stats.by_regency, _region_name, limit)
        if stats.by_regency
        else msg("stats.none"),
        by_month=_lines(stats.by_month, _month_name, 24) if stats.by_month else msg("stats.none"),
    )
