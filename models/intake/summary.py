"""Moved to views/answers.py; these names stay importable here only until every importer
outside models/intake has switched (part of issue 8), then this module goes."""

from views.answers import (
    MEMBERS_SHOWN,
    STORY_SHOWN,
    clip,
    location_label,
    members_label,
    officer_summary_text,
    option_label,
    options_label,
    origin_label,
    recruiter_label,
    summary_text,
    wages_label,
)

__all__ = [
    "MEMBERS_SHOWN",
    "STORY_SHOWN",
    "clip",
    "location_label",
    "members_label",
    "officer_summary_text",
    "option_label",
    "options_label",
    "origin_label",
    "recruiter_label",
    "summary_text",
    "wages_label",
]
