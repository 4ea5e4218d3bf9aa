"""English, one module per feature (same keys as Indonesian); merged here."""

from i18n.en import cases, insights, intake, privacy, repatriation, reports
from i18n.merge import merge

TEXTS: dict[str, str] = merge(
    intake.TEXTS, cases.TEXTS, insights.TEXTS, reports.TEXTS, privacy.TEXTS, repatriation.TEXTS
)
