"""When work ended: months, relative times and dates, and text that is not a time."""

from __future__ import annotations

from datetime import date

import pytest

from models.understanding.ended import Ended, Precision, when_ended

TODAY = date(2025, 6, 18)  # a Wednesday
DAY, WEEK, MONTH, YEAR = Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR


@pytest.mark.parametrize(
    ("text", "on", "precision"),
    [
        ("Oktober", date(2024, 10, 1), MONTH),
        ("okt", date(2024, 10, 1), MONTH),
        ("oct", date(2024, 10, 1), MONTH),
        ("oktobr", date(2024, 10, 1), MONTH),
        ("bulan 10", date(2024, 10, 1), MONTH),
        ("bln 10", date(2024, 10, 1), MONTH),
        ("bulan oktober", date(2024, 10, 1), MONTH),
        ("Oktober 2024", date(2024, 10, 1), MONTH),
        ("10/2024", date(2024, 10, 1), MONTH),
        ("juni", date(2025, 6, 1), MONTH),  # this month, not next year's
        ("desember", date(2024, 12, 1), MONTH),
        ("12/10/2024", date(2024, 10, 12), DAY),
        ("12-10-24", date(2024, 10, 12), DAY),
        ("12.10.2024", date(2024, 10, 12), DAY),
        ("12-10", date(2024, 10, 12), DAY),
        ("12 Oktober 2024", date(2024, 10, 12), DAY),
        ("tgl 12 okt", date(2024, 10, 12), DAY),
        ("2024", date(2024, 1, 1), YEAR),
        ("tahun 2023", date(2023, 1, 1), YEAR),
        ("kemarin", date(2025, 6, 17), DAY),
        ("kmrn", date(2025, 6, 17), DAY),
        ("kemarin lusa", date(2025, 6, 16), DAY),
        ("baru saja", TODAY, DAY),
        ("tadi pagi", TODAY, DAY),
        ("hari ini", TODAY, DAY),
        ("3 hari yang lalu", date(2025, 6, 15), DAY),
        ("hari senin", date(2025, 6, 16), DAY),
        ("jumat kemarin", date(2025, 6, 13), DAY),
        ("minggu lalu", date(2025, 6, 11), WEEK),
        ("seminggu lalu", date(2025, 6, 11), WEEK),
        ("2 minggu lalu", date(2025, 6, 4), WEEK),
        ("dua minggu yang lalu", date(2025, 6, 4), WEEK),
        ("bulan lalu", date(2025, 5, 1), MONTH),
        ("bulan kemarin", date(2025, 5, 1), MONTH),
        ("sebulan lalu", date(2025, 5, 1), MONTH),
        ("2 bulan lalu", date(2025, 4, 1), MONTH),
        ("udah 3 bln", date(2025, 3, 1), MONTH),
        ("sudah 3 bulan gak digaji", date(2025, 3, 1), MONTH),
        ("tahun lalu", date(2024, 1, 1), YEAR),
        ("awal tahun", date(2025, 1, 1), MONTH),
        ("akhir tahun lalu", date(2024, 12, 1), MONTH),
        ("pertengahan tahun lalu", date(2024, 6, 1), MONTH),
        ("akhir bulan lalu", date(2025, 5, 31), WEEK),
        ("awal bulan", date(2025, 6, 1), WEEK),
        ("2 bulan", date(2025, 4, 1), MONTH),
        ("oktober kemarin", date(2024, 10, 1), MONTH),
        ("bulan 3 kemarin", date(2025, 3, 1), MONTH),
        ("desember tahun lalu", date(2024, 12, 1), MONTH),
        ("awal juni", date(2025, 6, 1), WEEK),
        ("akhir mei", date(2025, 5, 31), WEEK),
        ("pertengahan mei", date(2025, 5, 15), WEEK),
        ("kerja dari maret sampai oktober", date(2024, 10, 1), MONTH),
        ("kerja di sawit 2 tahun, berhenti bulan lalu", date(2025, 5, 1), MONTH),
    ],
)
def test_times(text: str, on: date, precision: Precision) -> None:
    ended = when_ended(text, TODAY)
    assert ended is not None
    assert (ended.on, ended.precision) == (on, precision)


@pytest.mark.parametrize(
    "text",
    [
        "tukang sawit",
        "buruh bangunan",
        "PT Sawit Makmur",
        "kerja 2 tahun",
        "12 jam sehari",
        "bulan depan",
        "besok",
        "12/12/2030",
        "31/2",
        "1970",
        "dulu",
        "",
    ],
)
def test_not_a_time(text: str) -> None:
    assert when_ended(text, TODAY) is None


def test_the_words_are_kept() -> None:
    assert when_ended("Berhenti 12/10/2024 pak", TODAY) == Ended(
        date(2024, 10, 12), DAY, "12/10/2024"
    )
    ended = when_ended("kira2 2 minggu lalu", TODAY)
    assert ended is not None and ended.words == "kira 2 minggu lalu"


def test_a_month_without_year_is_never_in_the_future() -> None:
    for month in range(1, 13):
        ended = when_ended(f"bulan {month}", TODAY)
        assert ended is not None and ended.on <= TODAY
