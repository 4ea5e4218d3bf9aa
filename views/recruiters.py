"""/perekrut as staff read it: recruiters and employers by the people they affected, and the
buttons that export the cases naming them (`rx:<recruiter id|all>`)."""

from __future__ import annotations

from dataclasses import dataclass

from models.cases.recruiters import EMPLOYER, RECRUITER, RankedRecruiter
from models.reference.validation import mask_phone
from models.texts import msg
from views.case_buttons import Buttons, View, bounded_number
from views.text import Raw, plain, t

EXPORT_PREFIX = "rx"
RANKING_ROWS = 15
EXPORT_BUTTONS = 5
EVERY_RECORD = "all"


def export_data(recruiter_id: int | None) -> str:
    return f"{EXPORT_PREFIX}:{EVERY_RECORD if recruiter_id is None else recruiter_id}"


@dataclass(frozen=True)
class ExportTarget:
    """What an export button asks for: one record's cases, or every record's (None)."""

    recruiter_id: int | None


def parse_export_data(data: str | None) -> ExportTarget | None:
    """The target of an export button, or None when the data is not one of ours."""
    target = (data or "").removeprefix(f"{EXPORT_PREFIX}:")
    if target == EVERY_RECORD:
        return ExportTarget(None)
    recruiter_id = bounded_number(target)  # `isdigit` would take "²", which `int` refuses
    return ExportTarget(recruiter_id) if recruiter_id is not None else None


def _ranking_lines(rows: list[RankedRecruiter], lang: str, *, full_identity: bool) -> list[str]:
    lines = []
    for rank, r in enumerate(rows[:RANKING_ROWS], start=1):
        phone = ""
        if r.phone:
            shown = r.phone if full_identity else mask_phone(r.phone)
            phone = t(lang, "rec.ranking.phone", phone=shown)
        line = t(lang, "rec.ranking.row", rank=rank, name=r.name, phone=Raw(phone),
                 people=r.people, cases=r.cases)  # fmt: skip
        if r.aliases:
            line += t(lang, "rec.ranking.aliases", aliases=", ".join(r.aliases))
        lines.append(line)
    if len(rows) > RANKING_ROWS:
        lines.append(t(lang, "rec.ranking.more", count=len(rows) - RANKING_ROWS))
    return lines or [t(lang, "rec.ranking.empty")]


def ranking_view(rows: list[RankedRecruiter], lang: str, *, full_identity: bool) -> View:
    recruiters = [r for r in rows if r.kind == RECRUITER]
    employers = [r for r in rows if r.kind == EMPLOYER]
    text = "\n\n".join(
        [
            t(lang, "rec.ranking.header"),
            "\n".join([t(lang, "rec.ranking.recruiters"),
                       *_ranking_lines(recruiters, lang, full_identity=full_identity)]),
            "\n".join([t(lang, "rec.ranking.employers"),
                       *_ranking_lines(employers, lang, full_identity=full_identity)]),
        ]
    )  # fmt: skip
    if not rows:
        return View(text, [])
    buttons: Buttons = [[(plain(lang, msg("btn.rec_export_all")), export_data(None))]]
    for rank, r in enumerate(recruiters[:EXPORT_BUTTONS], start=1):
        label = plain(lang, msg("btn.rec_export_one", rank=rank, name=r.name))[:64]
        buttons.append([(label, export_data(r.recruiter_id))])
    return View(text, buttons)
