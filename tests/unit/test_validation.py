"""NIK, phone number and rupiah amount parsing, with the spellings people really use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from models.reference import regions
from models.reference.validation import (
    MAX_AMOUNT,
    AmountProblem,
    InvalidAmount,
    InvalidNik,
    InvalidPhone,
    NikInfo,
    NikProblem,
    PhoneProblem,
    Sex,
    format_phone_local,
    format_rupiah,
    mask_nik,
    mask_phone,
    normalize_phone,
    parse_amount,
    parse_nik,
    small_number,
)

TODAY = date(2025, 6, 1)
DISTRICT_CODES = [
    district.code
    for province in regions.provinces()
    for regency in regions.regencies_of(province.code)
    for district in regions.districts_of(regency.code)
]

# --- NIK -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "6201010101900001",
            NikInfo("6201010101900001", "62.01.01", "L", date(1990, 1, 1), "0001"),
        ),
        (
            "6201 0101 0190 0001",
            NikInfo("6201010101900001", "62.01.01", "L", date(1990, 1, 1), "0001"),
        ),
        (
            "6201.0101.0190.0001",
            NikInfo("6201010101900001", "62.01.01", "L", date(1990, 1, 1), "0001"),
        ),
        (
            "620101-010190-0001",
            NikInfo("6201010101900001", "62.01.01", "L", date(1990, 1, 1), "0001"),
        ),
        (
            " 52.03.01 451285 0123 ",
            NikInfo("5203014512850123", "52.03.01", "P", date(1985, 12, 5), "0123"),
        ),
        (
            "3509127108999999",
            NikInfo("3509127108999999", "35.09.12", "P", date(1999, 8, 31), "9999"),
        ),
        (
            "3201011503050042",
            NikInfo("3201011503050042", "32.01.01", "L", date(2005, 3, 15), "0042"),
        ),
        (
            "６２０１０１０１０１９００００１",  # full-width digits from some phone keyboards
            NikInfo("6201010101900001", "62.01.01", "L", date(1990, 1, 1), "0001"),
        ),
    ],
)
def test_parse_nik(raw: str, expected: NikInfo) -> None:
    assert parse_nik(raw, today=TODAY) == expected


def test_women_have_40_added_to_the_day() -> None:
    man = parse_nik("6201011705880007", today=TODAY)
    woman = parse_nik("6201015705880007", today=TODAY)
    assert (man.sex, man.birth_date) == ("L", date(1988, 5, 17))
    assert (woman.sex, woman.birth_date) == ("P", date(1988, 5, 17))
    assert parse_nik("6201017101900001", today=TODAY).birth_date == date(1990, 1, 31)


def test_leap_day() -> None:
    assert parse_nik("6201012902000001", today=TODAY).birth_date == date(2000, 2, 29)
    assert parse_nik("6201016902000001", today=TODAY).birth_date == date(2000, 2, 29)
    assert parse_nik("6201012902960001", today=TODAY).birth_date == date(1996, 2, 29)
    for nik in ("6201012902010001", "6201016902010001", "6201012902990001"):
        with pytest.raises(InvalidNik) as error:
            parse_nik(nik, today=TODAY)
        assert error.value.problem is NikProblem.BAD_DATE


@pytest.mark.parametrize(
    ("today", "born"),
    [
        (date(2025, 6, 1), date(2025, 6, 1)),  # born today
        (date(2025, 5, 31), date(1925, 6, 1)),  # 2025-06-01 would be tomorrow
        (date(2030, 1, 1), date(2025, 6, 1)),
    ],
)
def test_century_puts_the_birth_date_in_the_past(today: date, born: date) -> None:
    assert parse_nik("6201010106250001", today=today).birth_date == born


def test_default_today_is_the_current_date() -> None:
    two_digit_year = (date.today().year + 1) % 100
    nik = f"62010101 01{two_digit_year:02d} 0001"
    assert parse_nik(nik).birth_date.year == 1900 + two_digit_year


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("620101010190000A", NikProblem.NOT_DIGITS),
        ("NIK 6201010101900001", NikProblem.NOT_DIGITS),
        ("6201/0101/9000/01", NikProblem.NOT_DIGITS),
        ("6201_010190_0001", NikProblem.NOT_DIGITS),
        ("abc", NikProblem.NOT_DIGITS),
        ("", NikProblem.TOO_SHORT),
        ("   ", NikProblem.TOO_SHORT),
        ("620101", NikProblem.TOO_SHORT),
        ("620101010190001", NikProblem.TOO_SHORT),
        ("62010101019000011", NikProblem.TOO_LONG),
        ("6201 0101 0190 0001 1", NikProblem.TOO_LONG),
        ("9999990101900001", NikProblem.UNKNOWN_DISTRICT),
        ("6201070101900001", NikProblem.UNKNOWN_DISTRICT),
        ("6201000101900001", NikProblem.UNKNOWN_DISTRICT),
        ("0000000000000000", NikProblem.UNKNOWN_DISTRICT),
        ("6201010001900001", NikProblem.BAD_DATE),  # day 00
        ("6201013201900001", NikProblem.BAD_DATE),  # day 32
        ("6201014001900001", NikProblem.BAD_DATE),  # day 40: neither a man's nor a woman's
        ("6201017201900001", NikProblem.BAD_DATE),  # day 72 = 32 for a woman
        ("6201010100900001", NikProblem.BAD_DATE),  # month 00
        ("6201010113900001", NikProblem.BAD_DATE),  # month 13
        ("6201013104900001", NikProblem.BAD_DATE),  # 31 April
        ("6201013002900001", NikProblem.BAD_DATE),  # 30 February
        ("6201010101900000", NikProblem.BAD_SERIAL),
    ],
)
def test_nik_problems(raw: str, problem: NikProblem) -> None:
    with pytest.raises(InvalidNik) as error:
        parse_nik(raw, today=TODAY)
    assert error.value.problem is problem


def test_length_is_checked_before_the_district() -> None:
    for raw in ("99999901019000", "999999010190000199"):
        with pytest.raises(InvalidNik) as error:
            parse_nik(raw, today=TODAY)
        assert error.value.problem in (NikProblem.TOO_SHORT, NikProblem.TOO_LONG)


def test_nik_error_message_does_not_contain_the_nik() -> None:
    with pytest.raises(InvalidNik) as error:
        parse_nik("6201013201900001", today=TODAY)
    assert "6201" not in str(error.value) and "3201" not in str(error.value)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(
    ("nik", "masked"),
    [
        ("3201010101900001", "3201**********01"),
        ("3201 0101 0190 0001", "3201**********01"),
        ("6201-0101-0190-0099", "6201**********99"),
        ("1234567", "1234*67"),
        ("123456", "******"),
        ("", ""),
    ],
)
def test_mask_nik(nik: str, masked: str) -> None:
    assert mask_nik(nik) == masked


@st.composite
def niks(draw: st.DrawFn) -> tuple[str, NikInfo]:
    district = draw(st.sampled_from(DISTRICT_CODES))
    born = draw(st.dates(min_value=TODAY - timedelta(days=365 * 99), max_value=TODAY))
    sex: Sex = "P" if draw(st.booleans()) else "L"
    serial = draw(st.integers(min_value=1, max_value=9999))
    day = born.day + (40 if sex == "P" else 0)
    digits = f"{district.replace('.', '')}{day:02d}{born:%m%y}{serial:04d}"
    separator = draw(st.sampled_from(["", " ", ".", "-"]))
    raw = separator.join([digits[:4], digits[4:8], digits[8:12], digits[12:]])
    return raw, NikInfo(digits, district, sex, born, f"{serial:04d}")


@given(niks())
def test_any_valid_nik_decodes_to_what_it_encodes(case: tuple[str, NikInfo]) -> None:
    raw, expected = case
    assert parse_nik(raw, today=TODAY) == expected
    assert mask_nik(raw) == expected.nik[:4] + "*" * 10 + expected.nik[-2:]


# --- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("(0812) 3456 7890", "+6281234567890"),
        ("62812-3456-7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),  # Telegram contact, no plus
        ("+6281234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("+62 (0) 812 3456 7890", "+6281234567890"),
        ("0062 812 3456 7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("0852 1234 5678", "+6285212345678"),
        ("0878-1234-5678", "+6287812345678"),
        ("0813 4567 890", "+628134567890"),
        ("(0532) 21234", "+6253221234"),  # landline in Pangkalan Bun
        ("+60 12-345 6789", "+60123456789"),  # Malaysia
        ("60123456789", "+60123456789"),  # Telegram contact from Malaysia
        ("6581234567", "+6581234567"),  # Singapore mobile rather than an Indonesian landline
        ("622123456", "+62622123456"),  # a Pematangsiantar landline typed without its 0
        ("+852 9123 4567", "+85291234567"),  # Hong Kong
        ("+886 912 345 678", "+886912345678"),  # Taiwan
        ("+966 50 123 4567", "+966501234567"),  # Saudi Arabia
        ("\u00a00812\u00a03456\u00a07890\n", "+6281234567890"),
    ],
)
def test_normalize_phone(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", PhoneProblem.NOT_A_NUMBER),
        ("   ", PhoneProblem.NOT_A_NUMBER),
        ("abc", PhoneProblem.NOT_A_NUMBER),
        ("0812 3456 7890 ext 5", PhoneProblem.NOT_A_NUMBER),
        ("nomor saya 08123456789", PhoneProblem.NOT_A_NUMBER),
        ("0812+3456", PhoneProblem.NOT_A_NUMBER),
        ("+", PhoneProblem.NOT_A_NUMBER),
        ("12", PhoneProblem.TOO_SHORT),
        ("0811", PhoneProblem.TOO_SHORT),
        ("+6281234", PhoneProblem.TOO_SHORT),
        ("08123456789012345", PhoneProblem.TOO_LONG),
        ("+628123456789012345", PhoneProblem.TOO_LONG),
        ("0000000000", PhoneProblem.INVALID),
        ("+999 123456789", PhoneProblem.INVALID),
    ],
)
def test_normalize_phone_rejects(raw: str, problem: PhoneProblem) -> None:
    with pytest.raises(InvalidPhone) as error:
        normalize_phone(raw)
    assert error.value.problem is problem
    assert isinstance(error.value, ValueError)


def test_default_region_for_national_numbers() -> None:
    assert normalize_phone("012-345 6789", default_region="MY") == "+60123456789"
    assert normalize_phone("+6281234567890", default_region="MY") == "+6281234567890"


def test_phone_error_message_does_not_contain_the_number() -> None:
    with pytest.raises(InvalidPhone) as error:
        normalize_phone("0000000000")
    assert "0000" not in str(error.value)


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        ("+6281234567890", "+62812****7890"),
        ("+62812345678901", "+62812*****8901"),
        ("+628134567890", "+62813***7890"),
        ("+60123456789", "+60123**6789"),
        ("+6253221234", "+62****1234"),
    ],
)
def test_mask_phone(e164: str, masked: str) -> None:
    assert mask_phone(e164) == masked


@pytest.mark.parametrize(
    ("e164", "local"),
    [
        ("+6281234567890", "0812-3456-7890"),
        ("+6285212345678", "0852-1234-5678"),
        ("+6253221234", "(0532) 21234"),
        ("+60123456789", "+60 12-345 6789"),
    ],
)
def test_format_phone_local(e164: str, local: str) -> None:
    assert format_phone_local(e164) == local


@pytest.mark.parametrize("call", [mask_phone, format_phone_local])
def test_display_helpers_reject_garbage(call: Callable[[str], str]) -> None:
    with pytest.raises(InvalidPhone):
        call("not a number")


MOBILE_REGIONS = ["ID", "MY", "SG", "HK", "TW", "SA", "AE", "JP", "KR", "US", "GB", "AU"]


@st.composite
def phone_inputs(draw: st.DrawFn) -> str:
    """Real-looking numbers in the shapes people and Telegram send them."""
    region = draw(st.sampled_from(MOBILE_REGIONS))
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    national = list(phonenumbers.national_significant_number(example))
    # Vary the subscriber digits, keep the operator prefix.
    for index in range(3, len(national)):
        national[index] = draw(st.sampled_from("0123456789"))
    number = phonenumbers.parse(f"+{example.country_code}{''.join(national)}", None)
    assume(phonenumbers.is_valid_number(number))
    shape = draw(
        st.sampled_from(
            [
                phonenumbers.PhoneNumberFormat.E164,
                phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                phonenumbers.PhoneNumberFormat.RFC3966,
            ]
        )
    )
    text = phonenumbers.format_number(number, shape).removeprefix("tel:")
    if region == "ID" and draw(st.booleans()):
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return text


@given(phone_inputs())
def test_normalize_phone_is_idempotent(raw: str) -> None:
    e164 = normalize_phone(raw)
    assert normalize_phone(e164) == e164
    if e164.startswith("+62"):
        assert normalize_phone(e164.removeprefix("+")) == e164  # as Telegram shares contacts
    assert normalize_phone(format_phone_local(e164)) == e164
    masked = mask_phone(e164)
    assert len(masked) == len(e164) and masked[-2:] == e164[-2:] and "*" in masked


# --- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("9 juta", 9_000_000),
        ("9jt", 9_000_000),
        ("9 jt", 9_000_000),
        ("9 Juta", 9_000_000),
        ("9 JT", 9_000_000),
        ("9,5 juta", 9_500_000),
        ("9.5 juta", 9_500_000),
        ("1,2jt", 1_200_000),
        ("0,5 juta", 500_000),
        ("Rp 9.000.000", 9_000_000),
        ("Rp9.000.000,-", 9_000_000),
        ("Rp. 750.000,-", 750_000),
        ("rp. 9.000.000,00", 9_000_000),
        ("RP 9.000.000", 9_000_000),
        ("IDR 9,000,000.00", 9_000_000),
        ("9000000", 9_000_000),
        ("9.000.000", 9_000_000),
        ("9,000,000", 9_000_000),
        ("9 000 000", 9_000_000),
        ("9.000", 9_000),
        ("9,000", 9_000),
        ("1.250.000", 1_250_000),
        ("5 juta rupiah", 5_000_000),
        ("500 ribu", 500_000),
        ("500rb", 500_000),
        ("500 rb", 500_000),
        ("500k", 500_000),
        ("500K", 500_000),
        ("2jt500rb", 2_500_000),
        ("2 juta 500 ribu", 2_500_000),
        ("1 M", 1_000_000_000),
        ("1M", 1_000_000_000),
        ("1 miliar", 1_000_000_000),
        ("1 milyar", 1_000_000_000),
        ("1,5 M", 1_500_000_000),
        ("10 miliar", MAX_AMOUNT),
        ("sekitar 3 juta", 3_000_000),
        ("Sekitar 3jt", 3_000_000),
        ("sekitar2 juta", 2_000_000),
        ("kurang lebih 2 juta", 2_000_000),
        ("kurang-lebih 2 juta", 2_000_000),
        ("kurleb 2 juta", 2_000_000),
        ("kira-kira 5 juta", 5_000_000),
        ("kira2 5 juta", 5_000_000),
        ("± 4 juta", 4_000_000),
        ("±4jt", 4_000_000),
        ("+- 3jt", 3_000_000),
        ("+/- 3 juta", 3_000_000),
        ("~2 jt", 2_000_000),
        ("hampir 3 juta", 3_000_000),
        ("9 jutaan", 9_000_000),
        ("9 jt an", 9_000_000),
        ("3-4 juta", 3_000_000),
        ("3 - 4 juta", 3_000_000),
        ("3–4 juta", 3_000_000),
        ("3 sampai 4 juta", 3_000_000),
        ("3 s/d 4 juta", 3_000_000),
        ("3 s.d. 4 juta", 3_000_000),
        ("3 hingga 4 juta", 3_000_000),
        ("3 atau 4 juta", 3_000_000),
        ("3 juta - 4 juta", 3_000_000),
        ("500-750 rb", 500_000),
        ("500 ribu - 1 juta", 500_000),
        ("500.000 - 1 juta", 500_000),
        ("Rp 1.500.000 - Rp 2.000.000", 1_500_000),
        ("sekitar 3-4 juta", 3_000_000),
        ("satu juta", 1_000_000),
        ("dua juta", 2_000_000),
        ("tiga juta", 3_000_000),
        ("sembilan juta", 9_000_000),
        ("sepuluh juta", 10_000_000),
        ("sebelas juta", 11_000_000),
        ("dua belas juta", 12_000_000),
        ("dua puluh juta", 20_000_000),
        ("dua puluh lima juta", 25_000_000),
        ("lima ratus ribu", 500_000),
        ("seratus ribu", 100_000),
        ("seratus lima puluh ribu", 150_000),
        ("tujuh ratus lima puluh ribu", 750_000),
        ("setengah juta", 500_000),
        ("sejuta", 1_000_000),
        ("sejuta setengah", 1_500_000),
        ("satu setengah juta", 1_500_000),
        ("dua juta setengah", 2_500_000),
        ("satu juta lima ratus ribu", 1_500_000),
        ("seribu", 1_000),
        ("2 ratus ribu", 200_000),
        ("Rp 500", 500),
        ("1", 1),
    ],
)
def test_parse_amount(raw: str, amount: int) -> None:
    assert parse_amount(raw) == amount


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", AmountProblem.UNREADABLE),
        ("   ", AmountProblem.UNREADABLE),
        ("abc", AmountProblem.UNREADABLE),
        ("tidak tahu", AmountProblem.UNREADABLE),
        ("juta", AmountProblem.UNREADABLE),
        ("Rp", AmountProblem.UNREADABLE),
        ("Rp,-", AmountProblem.UNREADABLE),
        ("5 dolar", AmountProblem.UNREADABLE),
        ("$500", AmountProblem.UNREADABLE),
        ("1.2.3", AmountProblem.UNREADABLE),
        ("1234.567", AmountProblem.UNREADABLE),
        ("1.000,000.5", AmountProblem.UNREADABLE),
        ("dua lima", AmountProblem.UNREADABLE),
        ("ratus ribu", AmountProblem.UNREADABLE),
        ("setengah", AmountProblem.UNREADABLE),
        ("3-", AmountProblem.UNREADABLE),
        ("-", AmountProblem.UNREADABLE),
        ("3-4-5 juta", AmountProblem.UNREADABLE),
        ("5 juta per bulan", AmountProblem.UNREADABLE),
        ("0", AmountProblem.NOT_POSITIVE),
        ("000", AmountProblem.NOT_POSITIVE),
        ("0 juta", AmountProblem.NOT_POSITIVE),
        ("Rp 0,-", AmountProblem.NOT_POSITIVE),
        ("0,4", AmountProblem.NOT_POSITIVE),
        ("-5 juta", AmountProblem.NOT_POSITIVE),
        ("Rp -9.000", AmountProblem.NOT_POSITIVE),
        ("−500rb", AmountProblem.NOT_POSITIVE),
        ("11 M", AmountProblem.TOO_LARGE),
        ("10.000.000.001", AmountProblem.TOO_LARGE),
        ("1 triliun", AmountProblem.TOO_LARGE),
        ("12345678901234567890", AmountProblem.TOO_LARGE),
    ],
)
def test_parse_amount_rejects(raw: str, problem: AmountProblem) -> None:
    with pytest.raises(InvalidAmount) as error:
        parse_amount(raw)
    assert error.value.problem is problem
    assert isinstance(error.value, ValueError)


def test_fractions_of_a_rupiah_are_rounded_half_up() -> None:
    assert parse_amount("Rp 9.000.000,50") == 9_000_001
    assert parse_amount("Rp 9.000.000,49") == 9_000_000


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "Rp 0"),
        (500, "Rp 500"),
        (1_000, "Rp 1.000"),
        (9_000_000, "Rp 9.000.000"),
        (1_234_567, "Rp 1.234.567"),
        (MAX_AMOUNT, "Rp 10.000.000.000"),
    ],
)
def test_format_rupiah(amount: int, text: str) -> None:
    assert format_rupiah(amount) == text


def test_format_rupiah_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_rupiah(-1)


@given(st.integers(min_value=1, max_value=MAX_AMOUNT))
def test_format_rupiah_round_trip(amount: int) -> None:
    assert parse_amount(format_rupiah(amount)) == amount
    assert parse_amount(format_rupiah(amount) + ",-") == amount
    assert parse_amount(str(amount)) == amount
    assert parse_amount(f"{amount:,}") == amount


@given(st.integers(min_value=1, max_value=10_000), st.sampled_from(["jt", " juta", "rb", " ribu"]))
def test_whole_units(count: int, unit: str) -> None:
    scale = 1_000_000 if "j" in unit else 1_000
    assume(count * scale <= MAX_AMOUNT)
    assert parse_amount(f"{count}{unit}") == count * scale


@pytest.mark.parametrize(
    ("text", "most", "expected"),
    [("7", 10, 7), ("10", 10, 10), ("11", 10, None), ("", 10, None), ("²", 10, None),
     ("١٢", 100, None), ("-1", 10, None), ("0", 10, 0), ("1" * 25, 10**9, None),
     (" 7", 10, None), ("07", 10, 7)],
)  # fmt: skip
def test_small_number_takes_ascii_digits_within_bounds_only(
    text: str, most: int, expected: int | None
) -> None:
    assert small_number(text, most=most) == expected
