"""The case list (/kasus) and the one-line mention of a case, from models/cases/lists.py."""

from __future__ import annotations

from models.cases.lists import CaseLine, CaseListPage
from models.reference import regions
from models.texts import Msg, msg
from views.answers import origin_label
from views.case_buttons import Action, Buttons, Row, View, case_data, list_data
from views.text import render, t

# The statuses offered as filters, in lifecycle order (closed ones are looked up by number).
STATUS_FILTERS = ("baru", "diverifikasi", "ditangani", "dirujuk", "dipulangkan")
PROVINCES_PER_ROW = 3


def line(case: CaseLine) -> Msg:
    """`⚠️ KBR-2026-0001 · Baru · Lombok Timur, NTB · 3 orang`: no names, fit for the group."""
    return msg(
        "list.line",
        number=case.number,
        status=msg(f"status.{case.status}"),
        urgent="⚠️ " if case.urgent else "",
        origin=origin_label(case.origin_province_code, case.origin_regency_code),
        group=case.group_size,
    )


def case_list(page: CaseListPage, lang: str) -> View:
    """A page of cases, a button per case, page arrows and the filters."""
    text = t(lang, "list.header", total=page.total, page=page.page + 1, pages=page.pages)
    lines = [render(lang, line(case)) for case in page.cases]
    text += "\n\n" + ("\n".join(lines) if lines else t(lang, "list.empty"))
    buttons: Buttons = [
        [(case.number, case_data(case.case_id, Action.OPEN))] for case in page.cases
    ]
    nav: Row = []
    if page.page > 0:
        nav.append(("◀", list_data(page.filter.code, page.page - 1)))
    if page.page + 1 < page.pages:
        nav.append(("▶", list_data(page.filter.code, page.page + 1)))
    if nav:
        buttons.append(nav)
    if page.provinces is not None:
        buttons += _filter_rows(page.provinces, page.filter.code, lang)
    return View(text, buttons)


def _filter_rows(provinces: tuple[tuple[str, int], ...], current: str, lang: str) -> Buttons:
    def label(code: str, key: str, **params: object) -> tuple[str, str]:
        mark = "• " if code == current else ""
        return (mark + t(lang, key, **params), list_data(code, 0))

    statuses = [label(f"s.{s}", "list.f_status", status=msg(f"status.{s}")) for s in STATUS_FILTERS]
    rows: Buttons = [
        [label("o", "list.f_open"), label("m", "list.f_mine"), label("u", "list.f_unassigned")],
        [label("x", "list.f_urgent"), *statuses[:2]],
        statuses[2:],
    ]
    by_province = [
        label(f"p.{code}", "list.f_province", name=_short_name(code), n=n) for code, n in provinces
    ]
    rows += [
        by_province[i : i + PROVINCES_PER_ROW]
        for i in range(0, len(by_province), PROVINCES_PER_ROW)
    ]
    return rows


def _short_name(code: str) -> str:
    region = regions.get(code)
    return region.short_name if region is not None else code
