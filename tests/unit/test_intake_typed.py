"""Typed answers at every question with buttons, with the spellings people use on phones.

Each answer goes the way a typed message goes in models/intake/flow.py: a button's label or
alias counts as the tap, anything else is read by the step.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, cast

import pytest
from sqlmodel import Session

from models.intake.flow import answer_typed
from models.intake.io import Question
from models.intake.steps import STEPS, Advance, Ctx, Finish, Result, Retry, Stay, Step
from models.intake.steps.work import AMOUNT_CHOICES
from models.storage.tables import Account, Dialog
from models.texts import msg
from views.intake import INTAKE_TEXTS

# 1 December 2026, 09:00 in Pangkalan Bun (WIB): "kemarin" is 30 November.
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def ctx(step: Step, flow: str = "intake", **data: Any) -> Ctx:
    dialog = Dialog(account_id=1, chat_id=1, flow=flow, step=step.value, data=dict(data))
    account = Account(id=1, telegram_user_id=1)
    return Ctx(session=cast(Session, None), account=account, dialog=dialog, lang="id", now=NOW)


def typed(c: Ctx, text: str) -> Result:
    """A typed message at the dialog's step, as the flow applies it."""
    return answer_typed(c, STEPS[Step(c.dialog.step)].ask(c), text, INTAKE_TEXTS)


def again(result: Result) -> str:
    assert isinstance(result, Retry), result
    return result.error.key


YES = ["ya", "Ya", "iya", "iyaa pak", "iy", "y", "Betul pak", "benar", "bnr", "ok", "oke siap",
       "sip", "setuju pak", "Ya, saya setuju.", "nggih", "yes", "👍"]  # fmt: skip
NO = ["tidak", "Tidak.", "tdk", "gak", "ga", "nggak", "enggak", "ndak", "gk mau", "tidak mau",
      "no", "jangan"]  # fmt: skip
UNCLEAR = ["iya tidak", "mungkin", "bingung", "apa ini", "ya allah", "hmm", "ya tapi nanti",
           "gimana ya", "kenapa ya pak"]  # fmt: skip


@pytest.mark.parametrize("text", YES)
def test_consent_takes_a_typed_yes(text: str) -> None:
    c = ctx(Step.CONSENT)
    assert isinstance(typed(c, text), Advance) and c.data["consent"] is True


@pytest.mark.parametrize("text", NO)
def test_consent_takes_a_typed_no(text: str) -> None:
    assert typed(ctx(Step.CONSENT), text) == Finish("declined")


@pytest.mark.parametrize("text", UNCLEAR)
def test_an_unclear_consent_gets_one_short_question_not_use_the_buttons(text: str) -> None:
    c = ctx(Step.CONSENT)
    assert again(typed(c, text)) == "again.consent"
    assert "consent" not in c.data


@pytest.mark.parametrize(
    ("text", "result"),
    [("iya sudah", "yes"), ("sudah pak", "yes"), ("belum", "no"), ("blm", "no"), ("tdk", "no")],
)
def test_the_officers_consent_takes_typed_answers(text: str, result: str) -> None:
    c = ctx(Step.O_CONSENT, flow="officer")
    outcome = typed(c, text)
    if result == "yes":
        assert isinstance(outcome, Advance) and c.data["consent"] is True
    else:
        assert outcome == Finish("declined")
    assert again(typed(ctx(Step.O_CONSENT, flow="officer"), "hmm")) == "again.oconsent"


@pytest.mark.parametrize(
    ("text", "unpaid", "amount"),
    [
        ("udah 3 bln gak digaji, kira2 7 juta", True, 7_000_000),
        ("iya, 4 bulan kerja Rp 6.500.000 belum dikasih", True, 6_500_000),
        ("blm dibayar sama sekali, 2,5 jt", True, 2_500_000),
        ("ada pak, sekitar 9jt", True, 9_000_000),
        ("gak digaji", True, None),
        ("iya", True, None),
        ("ya pak", True, None),
        ("belum dibayar", True, None),
        ("sebagian", True, None),
        ("sudah dibayar semua", False, None),
        ("udah lunas", False, None),
        ("tidak", False, None),
        ("gak ada", False, None),
        ("gak tau", None, None),
        ("tidak tahu pak", None, None),
    ],
)
def test_wages_take_a_sentence_and_keep_the_amount_in_it(
    text: str, unpaid: bool | None, amount: int | None
) -> None:
    c = ctx(Step.WAGES)
    result = typed(c, text)
    assert isinstance(result, Advance)
    assert c.data["wages_unpaid"] is unpaid
    assert c.data.get("wages_amount") == amount
    # The amount question only when wages are unpaid and no amount came with the answer.
    asks_amount = unpaid is True and amount is None
    assert result.to == (Step.AMOUNT if asks_amount else None)


@pytest.mark.parametrize("text", ["belum", "sudah", "ya tapi belum", "mungkin", "hmm"])
def test_an_unclear_wages_answer_asks_again_and_stores_nothing(text: str) -> None:
    c = ctx(Step.WAGES)
    assert again(typed(c, text)) == "again.wages"
    assert "wages_unpaid" not in c.data


def test_two_amounts_in_the_wages_answer_are_offered_at_the_amount_question() -> None:
    c = ctx(Step.WAGES)
    result = typed(c, "iya belum dibayar, 5 juta atau 7 juta")
    assert isinstance(result, Advance) and result.to == Step.AMOUNT
    question = STEPS[Step.AMOUNT].ask(ctx(Step.AMOUNT, **c.data))
    assert question.text == msg("ask.amount_which")
    assert [b.value for row in question.rows for b in row] == ["a:5000000", "a:7000000", "skip"]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("4 bulan kerja, Rp 6.500.000 belum dikasih", 6_500_000),
        ("9 juta", 9_000_000),
        ("kira2 7jt", 7_000_000),
        ("Rp 4.500.000,-", 4_500_000),
        ("sekitar 3,5 juta untuk 2 bulan", 3_500_000),
        ("6500000", 6_500_000),
        ("gaji 2 bulan 1,2 jt per bulan", 1_200_000),
        ("kami 4 orang, masing2 2 juta", 2_000_000),
    ],
)
def test_the_amount_is_found_inside_a_sentence(text: str, amount: int) -> None:
    c = ctx(Step.AMOUNT, wages_unpaid=True)
    assert isinstance(typed(c, text), Advance) and c.data["wages_amount"] == amount


def test_two_different_amounts_ask_which_one_with_both_as_buttons() -> None:
    c = ctx(Step.AMOUNT, wages_unpaid=True)
    assert typed(c, "janjinya 5 juta tapi katanya 3,5 juta") == Stay()
    assert c.data[AMOUNT_CHOICES] == [5_000_000, 3_500_000]
    question = STEPS[Step.AMOUNT].ask(c)
    labels = [b.label for row in question.rows for b in row]
    assert labels[:2] == ["Rp 5.000.000", "Rp 3.500.000"]
    assert isinstance(STEPS[Step.AMOUNT].on_choice(c, "a:3500000"), Advance)
    assert c.data["wages_amount"] == 3_500_000 and AMOUNT_CHOICES not in c.data
    assert STEPS[Step.AMOUNT].ask(c).text == msg("ask.amount")
    # A value that was not offered is not taken.
    c.data[AMOUNT_CHOICES] = [1_000_000, 2_000_000]
    assert isinstance(STEPS[Step.AMOUNT].on_choice(c, "a:9999"), Retry)


@pytest.mark.parametrize("text", ["banyak sekali", "3 bulan", "tanya mandor"])
def test_no_amount_in_the_answer_is_one_error_with_the_skip_button(text: str) -> None:
    assert again(typed(ctx(Step.AMOUNT), text)) == "error.amount"


@pytest.mark.parametrize(
    ("text", "size"),
    [("empat orang", 4), ("4 org", 4), ("kami berlima", 5), ("berdua", 2), ("sendiri", 1),
     ("saya sendiri", 1), ("12", 12), ("12 orang", 12), ("sekitar 30 orang", 30),
     ("Sendiri", 1), ("3", 3)],
)  # fmt: skip
def test_group_sizes_in_words(text: str, size: int) -> None:
    c = ctx(Step.GROUP)
    assert isinstance(typed(c, text), Advance) and c.data["group_size"] == size


@pytest.mark.parametrize("text", ["seribu", "501", "banyak", "3 bulan", "rombongan"])
def test_a_group_size_that_is_no_count_of_people_is_refused(text: str) -> None:
    c = ctx(Step.GROUP)
    assert again(typed(c, text)) == "error.group" and "group_size" not in c.data


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("pulang dan makan", ["transport", "food"]),
        ("mau pulang kampung", ["transport"]),
        ("butuh makan, tempat tinggal", ["food", "shelter"]),
        ("berobat", ["health"]),
        ("gaji saya belum dibayar", ["wages_legal"]),
        ("tiket kapal, beras", ["transport", "food"]),
    ],
)
def test_needs_from_text_tick_each_and_go_on(text: str, needs: list[str]) -> None:
    c = ctx(Step.NEEDS)
    assert isinstance(typed(c, text), Advance)
    assert c.data["needs"] == needs and not c.data.get("needs_other")


def test_an_option_typed_by_its_label_is_ticked_and_the_list_closed() -> None:
    c = ctx(Step.NEEDS)
    assert isinstance(typed(c, "Tempat tinggal sementara"), Advance)
    assert c.data["needs"] == ["shelter"]
    c = ctx(Step.NEEDS)
    assert typed(c, "Lainnya") == Advance(Step.NEEDS_OTHER)
    c = ctx(Step.URGENCY)
    assert isinstance(typed(c, "Disabilitas"), Advance)
    assert c.data["vulnerabilities"] == ["disabled"]


def test_typed_needs_add_to_those_ticked_and_unknown_words_are_kept_as_other() -> None:
    c = ctx(Step.NEEDS, needs=["shelter"])
    assert isinstance(typed(c, "makan"), Advance) and c.data["needs"] == ["food", "shelter"]
    c = ctx(Step.NEEDS)
    assert isinstance(typed(c, "pakaian ganti"), Advance)
    assert (c.data["needs"], c.data["needs_other"]) == (["other"], "pakaian ganti")
    assert STEPS[Step.NEEDS].chosen(c) == msg("value.chosen", items=_join("pakaian ganti"))


def _join(other: str) -> object:
    from models.texts import Join

    return Join((msg("value.other", text=other),))


@pytest.mark.parametrize("text", ["ya", "gak", "x"])
def test_a_yes_or_no_at_the_needs_names_no_need(text: str) -> None:
    assert again(typed(ctx(Step.NEEDS), text)) in ("again.needs", "error.too_short")


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        ("anak saya panas dari kemarin", ["sick", "child"]),
        ("istri saya hamil 7 bulan", ["pregnant"]),
        ("ada yang demam", ["sick"]),
        ("teman saya kakinya patah", ["sick"]),
        ("bapak sudah tua, umur 70", ["elderly"]),
        ("ada bayi", ["child"]),
        ("mencret dan muntah2", ["sick"]),
        ("pakai kursi roda", ["disabled"]),
        ("sesak nafas", ["sick"]),
    ],
)
def test_a_typed_symptom_is_a_condition_and_its_words_are_kept(
    text: str, ticked: list[str]
) -> None:
    c = ctx(Step.URGENCY)
    assert isinstance(typed(c, text), Advance)
    assert c.data["vulnerabilities"] == ticked
    assert c.data["vulnerabilities_text"] == text


@pytest.mark.parametrize("text", ["tidak ada", "gak ada", "sehat semua", "aman", "Tidak ada pak"])
def test_a_typed_none_means_none(text: str) -> None:
    c = ctx(Step.URGENCY)
    assert isinstance(typed(c, text), Advance) and c.data["vulnerabilities"] == []


@pytest.mark.parametrize(
    "text", ["tidak ada yang sakit", "gak tau", "sehat kecuali ibu", "hmm", "kurang tahu"]
)
def test_a_denied_or_doubtful_condition_is_never_recorded_as_none(text: str) -> None:
    c = ctx(Step.URGENCY)
    assert again(typed(c, text)) == "again.urgency"
    assert "vulnerabilities" not in c.data


def test_a_typed_none_keeps_what_was_ticked_and_a_symptom_adds_to_it() -> None:
    c = ctx(Step.URGENCY, vulnerabilities=["pregnant"])
    assert isinstance(typed(c, "sehat semua"), Advance)
    assert c.data["vulnerabilities"] == ["pregnant"]
    assert isinstance(typed(c, "anak batuk"), Advance)
    assert c.data["vulnerabilities"] == ["sick", "pregnant", "child"]


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("kemarin", date(2026, 11, 30)),
        ("2 minggu lalu", date(2026, 11, 17)),
        ("Oktober", date(2026, 10, 1)),
        ("okt", date(2026, 10, 1)),
        ("bulan 10", date(2026, 10, 1)),
        ("awal tahun", date(2026, 1, 1)),
        ("12/10/2025", date(2025, 10, 12)),
        ("sudah 3 bulan", date(2026, 9, 1)),
    ],
)
def test_the_end_of_work_takes_a_time_and_keeps_the_words(text: str, on: date) -> None:
    c = ctx(Step.ENDED)
    assert isinstance(typed(c, text), Advance)
    assert (c.data["work_ended"], c.data["work_ended_text"]) == (None, text)
    assert c.data["work_ended_on"] == on.isoformat()


@pytest.mark.parametrize("text", ["tukang sawit", "PT Sawit Makmur", "dulu", "bulan depan", "lama"])
def test_the_end_of_work_refuses_what_is_no_time(text: str) -> None:
    c = ctx(Step.ENDED)
    assert again(typed(c, text)) == "again.ended"
    assert "work_ended_text" not in c.data


def test_a_tapped_end_of_work_forgets_a_typed_one() -> None:
    c = ctx(Step.ENDED)
    typed(c, "kemarin")
    assert isinstance(typed(c, "Bulan lalu"), Advance)
    assert c.data["work_ended"] == "last_month"
    assert "work_ended_on" not in c.data and "work_ended_text" not in c.data


@pytest.mark.parametrize("text", ["sudah benar", "iya kirim", "betul pak", "ok", "Kirim"])
def test_the_summary_is_sent_on_a_typed_yes(text: str) -> None:
    assert typed(ctx(Step.SUMMARY), text) == Finish("submit")


def test_the_summary_asks_which_part_on_a_typed_no() -> None:
    for text in ("salah", "belum benar", "tidak"):
        assert again(typed(ctx(Step.SUMMARY), text)) == "again.summary_change"
    assert again(typed(ctx(Step.SUMMARY), "hmm")) == "hint.summary"


@pytest.mark.parametrize(
    ("text", "how"),
    [("iya", "discard"), ("ya hapus", "discard"), ("gak", "resume"), ("jangan", "resume")],
)
def test_the_cancel_question_takes_typed_answers(text: str, how: str) -> None:
    assert typed(ctx(Step.CANCEL), text) == Finish(how)


@pytest.mark.parametrize(
    ("text", "recruiter"),
    [("tidak ada", "none"), ("gak ada", "none"), ("datang sendiri", "none"),
     ("gak tau", "skip"), ("lupa", "skip")],
)  # fmt: skip
def test_no_recruiter_in_words_is_not_stored_as_a_name(text: str, recruiter: str) -> None:
    c = ctx(Step.RECRUITER)
    assert isinstance(typed(c, text), Advance)
    assert (c.data["recruiter"], c.data["recruiter_name"]) == (recruiter, None)


@pytest.mark.parametrize("name", ["Pak Joko", "Bang Ga", "Mas No", "Bu Tidar"])
def test_a_recruiters_name_is_still_a_name(name: str) -> None:
    c = ctx(Step.RECRUITER)
    assert typed(c, name) == Advance(Step.RECRUITER_PHONE)
    assert c.data["recruiter_name"] == name


@pytest.mark.parametrize("text", ["gak tau", "tidak ada", "lupa nomornya"])
def test_no_recruiter_phone_in_words_skips_it(text: str) -> None:
    c = ctx(Step.RECRUITER_PHONE, recruiter_name="Pak Joko")
    assert isinstance(typed(c, text), Advance) and c.data["recruiter_phone"] is None


@pytest.mark.parametrize("text", ["gak tau", "tidak tahu", "lupa"])
def test_a_typed_dont_know_skips_a_question_that_may_be_skipped(text: str) -> None:
    c = ctx(Step.EMPLOYER)
    assert isinstance(typed(c, text), Advance) and c.data["employer"] is None


@pytest.mark.parametrize("text", ["tidak ada", "gak ada foto", "lewati", "selesai"])
def test_no_photo_in_words_goes_on(text: str) -> None:
    assert isinstance(typed(ctx(Step.PHOTOS), text), Advance)


def test_an_unexpected_input_repeats_the_question_but_a_mistake_does_not() -> None:
    c = ctx(Step.NAME)
    result = STEPS[Step.NAME].on_location(c, -2.7, 111.6)
    assert isinstance(result, Retry) and result.ask_again
    assert not cast(Retry, typed(ctx(Step.GROUP), "banyak")).ask_again


def test_every_clarifying_question_is_short() -> None:
    from i18n import LANGUAGES

    for texts in LANGUAGES.values():
        for key, text in texts.items():
            if key.startswith("again."):
                assert len(text) <= 200, key


def test_the_questions_that_ask_again_keep_their_buttons() -> None:
    # The flow sends the short question with the step's own buttons (see flow._follow).
    question: Question = STEPS[Step.WAGES].ask(ctx(Step.WAGES))
    assert [b.value for row in question.rows for b in row] == ["yes", "no", "dont_know"]
