"""Texts for staff: cases, the case card, actions."""

TEXTS: dict[str, str] = {
    "btn.case_take": "🙋 I'll take it",
    "btn.case_open": "📂 Open",
    "btn.case_verify": "✔ Verify",
}
