"""A draft's answers as a person reads them back (views/answers.py), in both languages."""

from __future__ import annotations

import re

from views.answers import (
    STORY_SHOWN,
    clip,
    ended_label,
    officer_summary_text,
    options_label,
    origin_label,
    received_text,
    summary_text,
)
from views.text import plain, render, t


def read(lang: str, value: object) -> str:
    """A label as shown inside a text (`members.problems` is a text that is only its parameter)."""
    return t(lang, "members.problems", lines=value)


def test_origin_is_the_regency_then_the_province_or_a_dash() -> None:
    assert origin_label("52", "52.03") == "Kabupaten Lombok Timur, Nusa Tenggara Barat"
    assert origin_label("52", None) == "Nusa Tenggara Barat"
    assert plain("id", origin_label(None, None)) == "—"


def test_options_list_other_last_with_what_was_typed() -> None:
    label = options_label("needs", ["other", "transport", "food"], "obat <anak>")
    assert read("id", label) == "Pulang ke daerah asal, Makan, lainnya: obat &lt;anak&gt;"
    assert read("en", options_label("needs", [])) == "—"


def test_clip_cuts_long_text_at_a_word() -> None:
    assert clip("satu dua tiga empat", 12) == "satu dua …"
    assert clip("pendek", 12) == "pendek"
    assert clip(None, 12) is None


def test_summary_shows_every_answer_escaped() -> None:
    data = {
        "full_name": "Budi <Sasak>",
        "nik": None,
        "phone": "+6281234567890",
        "origin_province": "52",
        "origin_regency": "52.03",
        "location_text": "Pelabuhan Kumai",
        "location_district": "62.01.01",
        "group_size": 3,
        "recruiter": "none",
        "employer": None,
        "work_type": None,
        "work_type_text": "tukang las",
        "work_ended": "last_month",
        "wages_unpaid": True,
        "wages_amount": 6_500_000,
        "needs": ["transport", "food"],
        "vulnerabilities": ["pregnant"],
        "files": [{"kind": "photo"}, {"kind": "voice"}],
    }
    text = render("id", summary_text(data))
    for shown in (
        "Nama: Budi &lt;Sasak&gt;",
        "HP: 0812-3456-7890",  # as people write it here, not as stored
        "Asal: Kabupaten Lombok Timur, Nusa Tenggara Barat",
        "Sekarang di: Pelabuhan Kumai, Kec. Kumai",
        "Jumlah orang: 3",
        "Pekerjaan: tukang las",
        "Berhenti kerja: Bulan lalu",
        "Gaji belum dibayar: ya, sekitar Rp 6.500.000",
        "Kebutuhan: Pulang ke daerah asal, Makan",
        "Kondisi: Hamil",
        "Foto: 1 · Pesan suara: 1",
    ):
        assert shown in text
    assert "Perusahaan: —" in text


def test_officer_summary_lists_members_and_clips_the_story() -> None:
    members = [
        {"full_name": f"Orang {n}", "nik": None, "age": 30 if n % 2 else None} for n in range(1, 18)
    ]
    data = {"members": members, "story": "kata " * 400, "wages_unpaid": None}
    text = render("en", officer_summary_text(data))
    assert "1. Orang 1 · NIK — · age 30\n2. Orang 2 · NIK — · age —" in text
    assert "Orang 15\n… and 2 more people" in text.replace(" · NIK — · age 30", "")
    story = re.search(r"Story: (.*)", text)
    assert story is not None and story.group(1).endswith(" …")
    assert len(story.group(1)) <= STORY_SHOWN + 2


def test_a_typed_end_of_work_is_shown_with_the_date_it_means() -> None:
    typed = {"work_ended": None, "work_ended_text": "2 minggu lalu"}
    day = {**typed, "work_ended_on": "2026-11-17", "work_ended_precision": "week"}
    month = {**typed, "work_ended_text": "okt", "work_ended_on": "2026-10-01",
             "work_ended_precision": "month"}  # fmt: skip
    assert read("id", ended_label(day)) == "2 minggu lalu (17-11-2026)"
    assert read("id", ended_label(month)) == "okt (10-2026)"
    assert read("id", ended_label(typed)) == "2 minggu lalu"
    assert read("en", ended_label({"work_ended": "last_month"})) == "Last month"


def test_what_a_share_gave_is_said_as_its_keyboard_goes() -> None:
    assert read("id", received_text({"step": "phone", "phone": "+6281234567890"})) == (
        "✔ Nomor HP: 0812-3456-7890"
    )
    assert read("id", received_text({"step": "phone", "phone": None})) == "✔ Tanpa nomor HP."
    assert read("id", received_text({"step": "location", "latitude": -2.7})) == (
        "✔ Lokasi diterima."
    )
    place = {"step": "location", "latitude": None, "location_text": "mes <PT> di Kumai"}
    assert read("id", received_text(place)) == "✔ Tempat: mes &lt;PT&gt; di Kumai"
    assert read("en", received_text({"step": "other"})) == "OK."
