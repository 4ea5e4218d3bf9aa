"""The intake as a person reads it (views/intake.py): questions, buttons and their codec."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from models.intake.io import Button, ChoiceIn, Outcome, Question, Recap
from models.storage.tables import Case
from models.texts import msg
from views.intake import (
    INTAKE_TEXTS,
    intake_text,
    label_texts,
    outcome_view,
    question_view,
    reporter_cases_text,
)
from views.intake_buttons import (
    MENU_REPORT,
    MENU_STATUS,
    chosen_language,
    intake_callback_data,
    language_buttons,
    menu_buttons,
    parse_intake_callback,
)

OFFICE = "Dinsos Kobar, Jl. Contoh 1"


@pytest.mark.parametrize(
    ("step", "value"), [("consent", "yes"), ("origin", "prov:52"), ("photos", "k:3:ktp")]
)
def test_a_button_codec_round_trip_keeps_the_step_and_the_value(step: str, value: str) -> None:
    assert parse_intake_callback(intake_callback_data(step, value)) == ChoiceIn(step, value)


@pytest.mark.parametrize("data", [None, "", "m:report", "i:consent", "c:12:open", "x:a:b"])
def test_foreign_buttons_belong_to_no_step(data: str | None) -> None:
    assert parse_intake_callback(data) == ChoiceIn("", "")


def test_a_question_has_its_labels_in_the_readers_language_and_its_step_in_the_data() -> None:
    question = Question(
        "consent",
        msg("ask.consent"),
        ((Button(msg("btn.agree"), "yes"),), (), (Button("Lombok Timur", "reg:52.03"),)),
    )
    view = question_view("en", question, office=OFFICE)
    assert view.buttons == [
        [("✅ I agree", "i:consent:yes")],
        [("Lombok Timur", "i:consent:reg:52.03")],
    ]
    assert view.share is None
    assert question_view("id", question, office=OFFICE).buttons[0] == [
        ("✅ Setuju", "i:consent:yes")
    ]


def test_a_question_asking_for_the_contact_has_a_share_keyboard() -> None:
    question = Question(
        "phone",
        msg("ask.phone"),
        request="contact",
        reply_buttons=(Button(msg("btn.no_phone"), "skip"),),
    )
    view = question_view("id", question, office=OFFICE)
    assert view.buttons == []
    assert view.share is not None and view.share.request == "contact"
    assert view.share.label == "📱 Kirim nomor saya"
    assert view.share.others == ["Tidak punya nomor HP"]


def test_every_text_may_name_the_office() -> None:
    assert OFFICE in intake_text("id", msg("closing.declined_intake"), office=OFFICE)
    text = intake_text("id", msg("closing.submitted_intake", number="KBR-2026-0001"), office=OFFICE)
    assert "KBR-2026-0001" in text and OFFICE in text


def test_a_recap_is_laid_out_from_the_answers() -> None:
    answers = {"full_name": "Siti <Aminah>", "group_size": 2, "needs": ["food"]}
    text = intake_text("id", Recap("summary", answers), office=OFFICE)
    assert "Nama: Siti &lt;Aminah&gt;" in text and "Kebutuhan: Makan" in text
    members = [{"full_name": "Budi", "nik": None, "age": 34}]
    text = intake_text("en", Recap("members", {"members": members}), office=OFFICE)
    assert "Members (1)" in text and "1. Budi · NIK — · age 34" in text


def test_a_closing_offers_the_menu_or_takes_the_keyboard_away() -> None:
    closed = outcome_view(
        Outcome(closing=msg("menu.idle"), offer_menu=True, language="en"), office=OFFICE
    )
    assert closed.question is None and closed.closing is not None
    assert closed.menu == menu_buttons("en")
    assert [data for row in closed.menu for _, data in row] == [MENU_REPORT, MENU_STATUS]
    plain = outcome_view(Outcome(closing=msg("closing.cancelled")), office=OFFICE)
    assert plain.menu is None and plain.keyboard_gone == "Baik."


def test_notices_come_rendered_in_order() -> None:
    outcome = Outcome(
        notices=[msg("note.resume"), msg("hint.stale_button")],
        question=Question("name", msg("ask.name")),
        language="en",
    )
    view = outcome_view(outcome, office=OFFICE)
    assert (
        view.notices[1] == "That button no longer works. Please answer the latest question below."
    )
    assert view.question is not None and view.question.buttons == []


def test_label_texts_are_the_label_in_every_language() -> None:
    assert label_texts(msg("btn.agree")) == {"✅ Setuju", "✅ I agree"}
    assert label_texts("◀") == {"◀"}
    assert INTAKE_TEXTS.label_texts is label_texts


def test_a_reporter_sees_each_case_with_its_date_in_wib_and_its_status() -> None:
    cases = [
        Case(
            number="KBR-2026-0002",
            year=2026,
            seq=2,
            reporter_id=1,
            status="dipulangkan",
            created_at=datetime(2026, 3, 1, 18, 30, tzinfo=UTC),
        ),
        Case(
            number="KBR-2026-0001",
            year=2026,
            seq=1,
            reporter_id=1,
            status="baru",
            created_at=datetime(2026, 2, 1, 9, 0, tzinfo=UTC),
        ),
    ]
    text = reporter_cases_text("en", cases, ZoneInfo("Asia/Jakarta"), office=OFFICE)
    assert text.splitlines() == [
        "<b>Your reports:</b>",
        "• <b>KBR-2026-0002</b> (02-03-2026): sent home",
        "• <b>KBR-2026-0001</b> (01-02-2026): new, waiting for staff",
    ]
    assert "/start" in reporter_cases_text("en", [], ZoneInfo("Asia/Jakarta"), office=OFFICE)
    # A refused case tells the person where to go; a duplicate does not claim a merge.
    cases[0].status, cases[1].status = "ditolak", "duplikat"
    text = reporter_cases_text("id", cases, ZoneInfo("Asia/Jakarta"), office=OFFICE)
    assert "tidak bisa dibantu" in text and html.escape(OFFICE, quote=False) in text
    assert "digabung" not in text


def test_the_language_buttons_name_each_language_and_only_known_ones_are_chosen() -> None:
    buttons = language_buttons()
    assert [label for row in buttons for label, _ in row] == ["🇮🇩 Bahasa Indonesia", "🇬🇧 English"]
    assert [chosen_language(data) for row in buttons for _, data in row] == ["id", "en"]
    assert chosen_language("lang:fr") is None and chosen_language(None) is None


def test_a_share_keyboard_goes_with_what_it_gave_and_a_closed_list_shows_its_choice() -> None:
    from models.texts import Join

    outcome = Outcome(
        question=Question("origin", msg("ask.origin")),
        remove_keyboard=True,
        keyboard_gone=Recap("received", {"step": "phone", "phone": "+6281234567890"}),
        answered=msg("value.chosen", items=Join((msg("opt.needs.food"), msg("opt.needs.shelter")))),
    )
    view = outcome_view(outcome, office=OFFICE)
    assert view.keyboard_gone == "✔ Nomor HP: 0812-3456-7890"
    assert view.answered == "Makan, Tempat tinggal sementara"


def test_an_error_asked_with_its_question_is_one_text() -> None:
    text = intake_text(
        "id",
        msg("hint.and_question", hint=msg("hint.unexpected_sticker"), question=msg("ask.name")),
        office=OFFICE,
    )
    assert text.startswith("Terima kasih.") and text.endswith("(sesuai KTP)")
