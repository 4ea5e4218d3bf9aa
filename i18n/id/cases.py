"""Teks untuk petugas: kasus, kartu kasus, tindakan."""

TEXTS: dict[str, str] = {
    "btn.case_take": "🙋 Saya tangani",
    "btn.case_open": "📂 Buka",
    "btn.case_verify": "✔ Verifikasi",
}
