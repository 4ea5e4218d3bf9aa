"""Bahasa Indonesia, one module per feature; merged here."""

from i18n.id import cases, insights, intake, privacy, repatriation, reports
from i18n.merge import merge

TEXTS: dict[str, str] = merge(
    intake.TEXTS, cases.TEXTS, insights.TEXTS, reports.TEXTS, privacy.TEXTS, repatriation.TEXTS
)
