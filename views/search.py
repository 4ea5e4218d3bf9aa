"""/cari as staff read it: a page of matching cases, the buttons to open them, and the paging
buttons with their callback data.

A paging button carries the page and a short hash of the query (`s:<page>:<hash>`); the query
itself is read back from the first line of the message the button belongs to ("🔎 <query>")
and must match the hash. Nothing is kept in memory, so paging survives a restart, and a button
cannot be used to run a search its message does not show.
"""

from __future__ import annotations

import hashlib
from datetime import tzinfo

from models.cases.search import CaseHit, SearchPage, clean_query
from models.reference import regions
from models.reference.validation import mask_nik, mask_phone
from models.texts import msg
from views.case_buttons import Action, Buttons, View, bounded_number, case_data
from views.text import t

SEARCH_PREFIX = "s"
SEARCH_MARK = "🔎 "
PAGE_SIZE = 8


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:16]


def search_data(page: int, query: str) -> str:
    return f"{SEARCH_PREFIX}:{page}:{query_hash(query)}"


def parse_search_data(data: str | None, message_text: str | None) -> tuple[int, str] | None:
    """The page a paging button asks for and the query its message shows, or None when the
    button does not belong to that message (or the message can no longer be read)."""
    parts = (data or "").split(":")
    # ASCII digits within bounds: `isdigit` takes "²" too, which `int` refuses.
    page = bounded_number(parts[1]) if len(parts) == 3 else None
    if page is None or parts[0] != SEARCH_PREFIX:
        return None
    first_line = (message_text or "").split("\n", 1)[0]
    if not first_line.startswith(SEARCH_MARK):
        return None
    query = clean_query(first_line.removeprefix(SEARCH_MARK))
    if not query or query_hash(query) != parts[2]:
        return None
    return page, query


def _hit_text(hit: CaseHit, lang: str, *, full_identity: bool, tz: tzinfo) -> str:
    person = hit.person
    nik = phone = "-"
    if person is not None and person.nik:
        nik = person.nik if full_identity else mask_nik(person.nik)
    if person is not None and person.phone:
        phone = person.phone if full_identity else mask_phone(person.phone)
    region = regions.get(hit.origin_regency_code or hit.origin_province_code or "")
    others = hit.people - 1
    text = t(
        lang,
        "search.hit",
        number=hit.number,
        status=msg(f"status.{hit.status}"),
        date=hit.created_at.astimezone(tz).strftime("%d-%m-%Y"),
        name=person.full_name if person is not None else msg("search.no_person"),
        more=msg("search.more", count=others) if others > 0 else "",
        origin=region.short_name if region is not None else msg("stats.unknown_origin"),
    )
    if nik != "-" or phone != "-":
        text += t(lang, "search.identity", nik=nik, phone=phone)
    return text


def results_view(
    result: SearchPage, query: str, lang: str, *, full_identity: bool, tz: tzinfo
) -> View:
    if not result.total:
        return View(t(lang, "search.none", query=query), [])
    header = t(
        lang,
        "search.header",
        query=query,
        total=result.total,
        page=result.page + 1,
        pages=result.pages,
    )
    first = result.page * PAGE_SIZE
    lines = [
        f"{first + n}. " + _hit_text(hit, lang, full_identity=full_identity, tz=tz)
        for n, hit in enumerate(result.hits, start=1)
    ]
    opens = [(f"📂 {hit.number}", case_data(hit.case_id, Action.OPEN)) for hit in result.hits]
    rows: Buttons = [opens[i : i + 2] for i in range(0, len(opens), 2)]
    nav = []
    if result.page > 0:
        nav.append((t(lang, "btn.search_prev"), search_data(result.page - 1, query)))
    if result.page < result.pages - 1:
        nav.append((t(lang, "btn.search_next"), search_data(result.page + 1, query)))
    if nav:
        rows.append(nav)
    return View("\n\n".join([header, *lines]), rows)
