"""Bahasa Indonesia, one module per feature; merged here."""

from i18n.id import cases, intake
from i18n.merge import merge

TEXTS: dict[str, str] = merge(intake.TEXTS, cases.TEXTS)
