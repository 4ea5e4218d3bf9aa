"""The daily digest as the team reads it: the text in parts, the chart and the full list.

Implements models.schedule.digest.DigestViews (bot/ hands this module to the domain). In the
staff group (`masked`) a reporter's name shows as initials; no NIK or phone number appears
anywhere in a digest.
"""

from __future__ import annotations

from typing import Any

from models.schedule.digest import CHART_DAYS, CaseLine, Digest, Overdue
from models.schedule.ports import Upload
from models.texts import Msg, msg
from views import repatriation
from views.answers import origin_label
from views.exports import Sheet, csv_bytes, label, local, yes_no
from views.splitting import CAPTION_LIMIT, split_message
from views.text import plain, t
from views.when import duration, local_date, local_datetime

# Lines per list in the message; the attached file has all of them.
LIST_LIMIT = 10


def mask_name(name: str | None) -> str | None:
    """Initials only, for the staff group: "Siti Aminah" -> "S. A."."""
    if not name:
        return None
    return " ".join(f"{word[0]}." for word in name.split() if word[0].isalpha()) or None


def _who(line: CaseLine, masked: bool) -> str:
    name = mask_name(line.reporter_name) if masked else line.reporter_name
    return (name or "—")[:60]


def _reason(item: Overdue) -> Msg:
    key = "digest.why_unassigned" if item.unassigned else "digest.why_idle"
    return msg(key, age=duration(item.waited))


def _case_line(lang: str, line: CaseLine, masked: bool) -> str:
    return t(
        lang,
        "digest.case_line",
        mark="🔴 " if line.urgent else "",
        number=line.number,
        status=msg(f"status.{line.status}"),
        who=_who(line, masked),
        origin=origin_label(line.origin_province, line.origin_regency),
        people=line.people,
        assignee=line.assignee[:60] if line.assignee else msg("digest.nobody"),
    )


def _section(lang: str, header: str, items: list[str]) -> list[str]:
    shown = items[:LIST_LIMIT]
    rest = len(items) - len(shown)
    return ["", header, *shown, *([t(lang, "digest.more", n=rest)] if rest > 0 else [])]


def truncated(digest: Digest) -> bool:
    """Some list shows only its first lines: the full list goes along as a file."""
    lists = (digest.new, digest.open, digest.urgent, digest.overdue, digest.referrals)
    return any(len(items) > LIST_LIMIT for items in lists)


def _counts(digest: Digest, lang: str) -> str:
    return t(
        lang,
        "digest.people_cases",
        new_cases=len(digest.new),
        new_people=sum(line.people for line in digest.new),
        open_cases=len(digest.open),
        open_people=sum(line.people for line in digest.open),
        year=digest.day.year,
        year_cases=digest.year_cases,
        year_people=digest.year_people,
    )


def render_lines(digest: Digest, lang: str, *, masked: bool) -> list[str]:
    """The digest as HTML lines (each complete in itself, so splitting never cuts a tag)."""
    tz, now, none = digest.tz, digest.now, t(lang, "digest.none")
    lines = [
        t(lang, "digest.title", day=local_date(now, tz)),
        t(lang, "digest.since", since=local_datetime(digest.since, tz)),
    ]
    if digest.late:
        lines.append(t(lang, "digest.late", due=f"{digest.due:%H:%M}", now=local_datetime(now, tz)))
    lines.append(_counts(digest, lang))
    lines += _section(
        lang,
        t(lang, "digest.new_header", n=len(digest.new)),
        [_case_line(lang, line, masked) for line in digest.new] or [none],
    )
    by_status = " · ".join(
        t(lang, "digest.status_count", status=msg(f"status.{status}"), n=n)
        for status, n in digest.open_by_status
    )
    lines += ["", t(lang, "digest.open_header", n=len(digest.open)), by_status or none]
    lines += _section(
        lang,
        t(lang, "digest.urgent_header", n=len(digest.urgent)),
        [_case_line(lang, line, masked) for line in digest.urgent] or [none],
    )
    lines += _section(
        lang,
        t(lang, "digest.overdue_header", n=len(digest.overdue)),
        [
            t(
                lang,
                "digest.overdue_line",
                mark="🔴 " if item.case.urgent else "",
                number=item.case.number,
                reason=_reason(item),
                assignee=item.case.assignee[:60] if item.case.assignee else msg("digest.nobody"),
            )
            for item in digest.overdue
        ]
        or [none],
    )
    lines += _section(
        lang,
        t(lang, "digest.referrals_header", n=len(digest.referrals)),
        [
            t(
                lang,
                "digest.referral_line",
                number=item.number,
                agency=item.agency,
                age=duration(now - item.since),
                late="⚠️" if item.overdue else "",
            )
            for item in digest.referrals
        ]
        or [none],
    )
    lines += _travel_sections(digest, lang)
    lines += [
        "",
        t(
            lang,
            "digest.repatriated",
            people=digest.repatriated_people,
            cases=digest.repatriated_cases,
        ),
    ]
    if truncated(digest):
        lines += ["", t(lang, "digest.see_file")]
    return lines


def _travel_sections(digest: Digest, lang: str) -> list[str]:
    """Departures today and tomorrow, and overdue arrivals (no names: only counts)."""
    lines: list[str] = []
    for header, plans in (
        ("rp.digest_today", digest.departures_today),
        ("rp.digest_tomorrow", digest.departures_tomorrow),
    ):
        if plans:
            lines += _section(
                lang,
                t(lang, header, n=len(plans)),
                [repatriation.digest_departure(plan, lang, digest.tz) for plan in plans],
            )
    if digest.arrivals_overdue:
        lines += _section(
            lang,
            t(lang, "rp.digest_overdue", n=len(digest.arrivals_overdue)),
            [
                repatriation.digest_overdue(plan, lang, digest.now)
                for plan in digest.arrivals_overdue
            ],
        )
    return lines


def parts(digest: Digest, lang: str, *, masked: bool) -> list[str]:
    return split_message(render_lines(digest, lang, masked=masked))


def chart_png(digest: Digest, lang: str) -> bytes:
    # matplotlib takes a second to import: only when a chart is drawn.
    from views.charts import cases_chart

    return cases_chart(
        title=plain(lang, msg("digest.chart_title", day=f"{digest.day:%d-%m-%Y}")),
        daily_label=plain(lang, msg("digest.chart_daily", days=CHART_DAYS)),
        daily=digest.daily_new,
        bars_label=plain(lang, msg("digest.chart_status")),
        bars=[(plain(lang, msg(f"status.{s}")), n) for s, n in digest.open_by_status],
    )


def chart(digest: Digest, lang: str) -> Upload:
    caption = t(lang, "digest.chart_caption", days=CHART_DAYS)[:CAPTION_LIMIT]
    return Upload("grafik.png", chart_png(digest, lang), caption)


LIST_HEADERS = [
    "No. Kasus", "Tanggal Lapor (WIB)", "Status", "Mendesak", "Asal", "Jumlah Orang", "Pelapor",
    "Petugas", "Kegiatan Terakhir (WIB)", "Tindak Lanjut",
]  # fmt: skip


def list_file(digest: Digest, *, masked: bool) -> bytes:
    """Every open case and every new one, as CSV (the names masked for the group)."""
    reasons = {item.case.id: plain("id", _reason(item)) for item in digest.overdue}
    seen: set[int] = set()
    rows: list[list[Any]] = []
    for line in digest.open + digest.new:
        if line.id in seen:
            continue
        seen.add(line.id)
        rows.append(
            [
                line.number,
                local(line.created_at, digest.tz),
                label(f"status.{line.status}"),
                yes_no(line.urgent),
                plain("id", origin_label(line.origin_province, line.origin_regency)),
                line.people,
                _who(line, masked),
                line.assignee or "",
                local(line.last_activity, digest.tz),
                reasons.get(line.id, ""),
            ]
        )
    return csv_bytes(Sheet("Daftar", LIST_HEADERS, rows))


def full_list(digest: Digest, lang: str, *, masked: bool) -> Upload | None:
    if not truncated(digest):
        return None
    return Upload(
        f"ringkasan-{digest.day:%Y-%m-%d}.csv",
        list_file(digest, masked=masked),
        t(lang, "digest.file_caption", n=len(digest.open)),
    )
