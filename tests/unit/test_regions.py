"""Region data and forgiving matching of typed province and regency names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from models.reference import regions
from models.reference.regions import MAX_CANDIDATES, Region, UnknownRegionError

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "models" / "data" / "wilayah_2025.csv"
SOURCE = Path("/work/shared/data/wilayah_kepmendagri_2025.csv")


def names(regions_: list[Region]) -> list[str]:
    return [region.name for region in regions_]


# --- data ------------------------------------------------------------------------------------


def test_counts() -> None:
    provinces = regions.provinces()
    regencies = [r for p in provinces for r in regions.regencies_of(p.code)]
    districts = [d for r in regencies for d in regions.districts_of(r.code)]
    assert (len(provinces), len(regencies), len(districts)) == (38, 514, 7285)
    assert len({r.code for r in regencies}) == 514
    assert len({d.code for d in districts}) == 7285


def test_kotawaringin_barat_districts() -> None:
    kobar = regions.get("62.01")
    assert kobar == Region("62.01", "Kabupaten Kotawaringin Barat")
    assert [(d.code, d.name) for d in regions.districts_of("62.01")] == [
        ("62.01.01", "Kumai"),
        ("62.01.02", "Arut Selatan"),
        ("62.01.03", "Kotawaringin Lama"),
        ("62.01.04", "Arut Utara"),
        ("62.01.05", "Pangkalan Lada"),
        ("62.01.06", "Pangkalan Banteng"),
    ]


def test_lists_are_sorted_by_code() -> None:
    codes = [p.code for p in regions.provinces()]
    assert codes == sorted(codes)
    assert codes[0] == "11" and codes[-1] == "96"
    jatim = [r.code for r in regions.regencies_of("35")]
    assert jatim == sorted(jatim) and jatim[0] == "35.01" and jatim[-1] == "35.79"


def test_lists_are_copies() -> None:
    regions.provinces().clear()
    regions.districts_of("62.01").clear()
    assert len(regions.provinces()) == 38
    assert len(regions.districts_of("62.01")) == 6


def test_names_are_trimmed() -> None:
    assert regions.get("31.72") == Region("31.72", "Kota Administrasi Jakarta Utara")
    assert all(r.name == " ".join(r.name.split()) for r in regions.provinces())


@pytest.mark.skipif(not SOURCE.exists(), reason="full source CSV not available")
def test_build_script_reproduces_shipped_file(tmp_path: Path) -> None:
    output = tmp_path / "wilayah.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_regions.py"), str(SOURCE), "-o", str(output)],
        check=True,
        capture_output=True,
    )
    assert output.read_bytes() == SHIPPED.read_bytes()


# --- codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("62", "62"),
        ("62.01", "62.01"),
        ("6201", "62.01"),
        ("620101", "62.01.01"),
        ("62.01.02", "62.01.02"),
        (" 62.01 ", "62.01"),
    ],
)
def test_get_accepts_dotted_and_plain_codes(code: str, expected: str) -> None:
    region = regions.get(code)
    assert region is not None and region.code == expected


@pytest.mark.parametrize(
    "code", ["", "6", "620", "62.1", "62.01.01.2001", "6201012001", "99", "62.99", "abcd", "٦٢"]
)
def test_get_unknown_or_malformed(code: str) -> None:
    assert regions.get(code) is None


def test_levels_and_parents() -> None:
    district = regions.get("620102")
    assert district is not None
    assert (district.level, district.parent_code) == (3, "62.01")
    regency = regions.get(district.parent_code or "")
    assert regency is not None
    assert (regency.level, regency.parent_code) == (2, "62")
    province = regions.get("62")
    assert province is not None
    assert (province.level, province.parent_code) == (1, None)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("320101", True),
        ("32.01.01", True),
        ("620106", True),
        ("620107", False),
        ("62.01", False),
        ("6201", False),
        ("62", False),
        ("999999", False),
        ("32010", False),
        ("", False),
    ],
)
def test_is_district_code(code: str, expected: bool) -> None:
    assert regions.is_district_code(code) is expected


@pytest.mark.parametrize(("code", "province"), [("62", "62"), ("6201", "62"), ("52.03.01", "52")])
def test_province_of(code: str, province: str) -> None:
    assert regions.province_of(code).code == province


@pytest.mark.parametrize("code", ["99", "62.99", "nonsense"])
def test_province_of_unknown(code: str) -> None:
    with pytest.raises(UnknownRegionError):
        regions.province_of(code)


@pytest.mark.parametrize(("call", "code"), [("regencies_of", "62.01"), ("districts_of", "62")])
def test_children_need_the_right_level(call: str, code: str) -> None:
    with pytest.raises(UnknownRegionError):
        getattr(regions, call)(code)


# --- short names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "short"),
    [
        ("52.03", "Lombok Timur"),
        ("52.71", "Kota Mataram"),
        ("35.07", "Malang"),
        ("35.73", "Kota Malang"),
        ("62.01", "Kotawaringin Barat"),
        ("31.01", "Kepulauan Seribu"),
        ("31.74", "Kota Jakarta Selatan"),
        ("31", "DKI Jakarta"),
        ("34", "DI Yogyakarta"),
        ("52", "Nusa Tenggara Barat"),
        ("62.01.02", "Arut Selatan"),
        ("11.01.17", "Kota Bahagia"),
    ],
)
def test_short_name(code: str, short: str) -> None:
    region = regions.get(code)
    assert region is not None and region.short_name == short


def test_short_names_of_regencies_are_unique() -> None:
    regencies = [r for p in regions.provinces() for r in regions.regencies_of(p.code)]
    shorts = [r.short_name for r in regencies]
    # Kabupaten and Kota of the same name (Malang, Bima, ...) differ by the kept "Kota".
    assert len(set(shorts)) == len(shorts)


# --- match_province --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Jawa Timur", "35"),
        ("jawa timur", "35"),
        ("  JAWA   TIMUR ", "35"),
        ("Jatim", "35"),
        ("jatim", "35"),
        ("Prov. Jawa Timur", "35"),
        ("Provinsi Jawa Timur", "35"),
        ("prov jatim", "35"),
        ("Jateng", "33"),
        ("Jabar", "32"),
        ("DIY", "34"),
        ("Jogja", "34"),
        ("Yogya", "34"),
        ("Yogyakarta", "34"),
        ("DI Yogyakarta", "34"),
        ("Daerah Istimewa Yogyakarta", "34"),
        ("DKI", "31"),
        ("Jakarta", "31"),
        ("DKI Jakarta", "31"),
        ("NTB", "52"),
        ("ntb", "52"),
        ("N.T.B.", "52"),
        ("Nusa Tenggara Barat", "52"),
        ("NTT", "53"),
        ("Sumut", "12"),
        ("Sumatra Utara", "12"),
        ("Sumbar", "13"),
        ("Sumsel", "16"),
        ("Kalbar", "61"),
        ("Kalteng", "62"),
        ("Kalimantan Tengah", "62"),
        ("Kalsel", "63"),
        ("Kaltim", "64"),
        ("Kaltara", "65"),
        ("Sulut", "71"),
        ("Sulteng", "72"),
        ("Sulsel", "73"),
        ("Sultra", "74"),
        ("Sulbar", "76"),
        ("Gorontalo", "75"),
        ("Babel", "19"),
        ("Bangka Belitung", "19"),
        ("Kepri", "21"),
        ("Kep. Riau", "21"),
        ("Riau", "14"),
        ("Aceh", "11"),
        ("NAD", "11"),
        ("Malut", "82"),
        ("Maluku Utara", "82"),
        ("Maluku", "81"),
        ("Bali", "51"),
        ("Papua", "91"),
        ("Papua Barat", "92"),
        ("Pabar", "92"),
        ("Papua Selatan", "93"),
        ("Papua Tengah", "94"),
        ("Papua Pegunungan", "95"),
        ("Papua Barat Daya", "96"),
        ("PBD", "96"),
    ],
)
def test_match_province_confident(text: str, code: str) -> None:
    match = regions.match_province(text)
    assert match.region is not None and match.region.code == code
    assert match.candidates == [match.region]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Jawa Timr", "35"),
        ("Jawa Tmur", "35"),
        ("jatin", "35"),
        ("Sulawsi Selatan", "73"),
        ("Kalimantan Tenggah", "62"),
        ("Nusa Tengara Barat", "52"),
        ("Jawa Timur (Jatim)", "35"),
        ("Lombok Timur, NTB", "52"),
        ("Surabaya", "35"),
        ("Lotim", "52"),
        ("Lombok", "52"),
    ],
)
def test_match_province_fuzzy_or_indirect_needs_confirmation(text: str, first: str) -> None:
    match = regions.match_province(text)
    assert match.region is None
    assert match.candidates[0].code == first


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Jawa", ["32", "33", "35"]),
        ("Kalimantan", ["61", "62", "63", "64", "65"]),
        ("Nusa Tenggara", ["52", "53"]),
        ("Sumatera", ["12", "13", "16"]),
    ],
)
def test_match_province_ambiguous(text: str, codes: list[str]) -> None:
    match = regions.match_province(text)
    assert match.region is None
    assert [c.code for c in match.candidates] == codes


@pytest.mark.parametrize("text", ["", "   ", "asdfgh", "xyz", "tidak tahu", "qwerty uiop", "123"])
def test_match_province_nonsense(text: str) -> None:
    match = regions.match_province(text)
    assert match.region is None
    assert match.candidates == []


# --- match_regency ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lombok Timur", "52.03"),
        ("lombok timur", "52.03"),
        ("LOMBOK  TIMUR", "52.03"),
        ("Kab. Lombok Timur", "52.03"),
        ("Kab Lombok Timur", "52.03"),
        ("Kabupaten Lombok Timur", "52.03"),
        ("kab.lombok timur", "52.03"),
        ("Lotim", "52.03"),
        ("Selong", "52.03"),
        ("Lombok Timur, NTB", "52.03"),
        ("Lombok Timur NTB", "52.03"),
        ("Lombok Timur - Nusa Tenggara Barat", "52.03"),
        ("Kab. Lombok Timur, Prov. NTB", "52.03"),
        ("NTB, Lombok Timur", "52.03"),
        ("dari Lombok Timur", "52.03"),
        ("Loteng", "52.02"),
        ("Lombok Tengah", "52.02"),
        ("Lobar", "52.01"),
        ("KLU", "52.08"),
        ("Lombok Utara", "52.08"),
        ("KSB", "52.07"),
        ("Sumbawa Barat", "52.07"),
        ("Sumbawa", "52.04"),
        ("Sumbawa NTB", "52.04"),
        ("Kota Mataram", "52.71"),
        ("Mataram", "52.71"),
        ("Kobar", "62.01"),
        ("Kotawaringin Barat", "62.01"),
        ("Pangkalan Bun", "62.01"),
        ("Kotim", "62.02"),
        ("Sampit", "62.02"),
        ("Jember", "35.09"),
        ("Banyuwangi", "35.10"),
        ("Sby", "35.78"),
        ("Surabaya", "35.78"),
        ("Kota Surabaya", "35.78"),
        ("Jogja", "34.71"),
        ("Yogyakarta", "34.71"),
        ("Kota Jogja", "34.71"),
        ("Solo", "33.72"),
        ("Surakarta", "33.72"),
        ("Kota Malang", "35.73"),
        ("Malang Kota", "35.73"),
        ("Kab Malang", "35.07"),
        ("Kab. Malang", "35.07"),
        ("Kabupaten Malang", "35.07"),
        ("Kota Bima", "52.72"),
        ("Kab. Bima", "52.06"),
        ("Banjar Kalsel", "63.03"),
        ("Kota Banjar", "32.79"),
        ("Kotabaru", "63.02"),
        ("Kota Baru", "63.02"),
        ("Lima Puluh Kota", "13.07"),
        ("Palangka Raya", "62.71"),
        ("Palangkaraya", "62.71"),
        ("Bau-Bau", "74.72"),
        ("Baubau", "74.72"),
        ("Tolitoli", "72.04"),
        ("Fakfak", "92.03"),
        ("Pangkalpinang", "19.71"),
        ("Jakarta Selatan", "31.74"),
        ("Jaksel", "31.74"),
        ("Kepulauan Seribu", "31.01"),
        ("Kab. Adm. Kepulauan Seribu", "31.01"),
        ("Sitaro", "71.09"),
        ("Kep. Siau Tagulandang Biaro", "71.09"),
        ("Kukar", "64.02"),
        ("TTS", "53.02"),
        ("Jambi", "15.71"),
        ("Muaro Jambi", "15.05"),
        ("Aceh Barat", "11.05"),
        ("Bengkulu Selatan", "17.01"),
        ("Bandung Barat", "32.17"),
        ("Tangsel", "36.74"),
    ],
)
def test_match_regency_confident(text: str, code: str) -> None:
    match = regions.match_regency(text)
    assert match.region is not None and match.region.code == code
    assert match.candidates == [match.region]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Malang", ["35.07", "35.73"]),
        ("malang", ["35.07", "35.73"]),
        ("Malang Jatim", ["35.07", "35.73"]),
        ("Bima", ["52.06", "52.72"]),
        ("Kupang NTT", ["53.01", "53.71"]),
        ("Bandung", ["32.04", "32.73"]),
        ("Bogor", ["32.01", "32.71"]),
        ("Semarang", ["33.22", "33.74"]),
        ("Kediri", ["35.06", "35.71"]),
        ("Gorontalo", ["75.01", "75.71"]),
        ("Sorong", ["96.01", "96.71"]),
        ("Banjar", ["32.79", "63.03"]),
        ("Jakarta", ["31.71", "31.72", "31.73", "31.74", "31.75"]),
        ("Toraja", ["73.18", "73.26"]),
        ("Mura", ["16.05", "62.12"]),
    ],
)
def test_match_regency_ambiguous(text: str, codes: list[str]) -> None:
    match = regions.match_regency(text)
    assert match.region is None
    assert [c.code for c in match.candidates] == codes


def test_every_kabupaten_kota_pair_is_ambiguous_without_prefix() -> None:
    regencies = [r for p in regions.provinces() for r in regions.regencies_of(p.code)]
    kota = {r.short_name.removeprefix("Kota "): r for r in regencies if r.name.startswith("Kota ")}
    pairs = [(r, kota[r.short_name]) for r in regencies if r.short_name in kota]
    assert len(pairs) == 26
    for kabupaten, city in pairs:
        bare = regions.match_regency(kabupaten.short_name)
        assert bare.region is None and set(bare.candidates) == {kabupaten, city}
        assert regions.match_regency(f"Kab. {kabupaten.short_name}").region == kabupaten
        assert regions.match_regency(city.short_name).region == city


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Lombok Timor", "52.03"),
        ("lombok timr", "52.03"),
        ("Lombok Timur Sakra", "52.03"),
        ("Timur Lombok", "52.03"),
        ("Lombok Timor, NTB", "52.03"),
        ("Banyuwangii", "35.10"),
        ("Banyuwang", "35.10"),
        ("Jembr", "35.09"),
        ("Jmber", "35.09"),
        ("Surbaya", "35.78"),
        ("Sidoardjo", "35.15"),
        ("Probolingo", "35.13"),
        ("Kotawaringin Brt", "62.01"),
        ("Kotawaringin", "62.01"),
        ("Kotawaring Barat", "62.01"),
        ("Lombok", "52.01"),
        ("Sumbwa Barat", "52.07"),
        ("Kab Jogja", "34.71"),
        ("Kab. Malng", "35.07"),
        ("Kota Malng", "35.73"),
    ],
)
def test_match_regency_typos_give_the_right_candidate_first(text: str, first: str) -> None:
    match = regions.match_regency(text)
    assert match.region is None
    assert match.candidates[0].code == first
    assert len(match.candidates) <= MAX_CANDIDATES


def test_partial_name_lists_all_that_start_with_it() -> None:
    match = regions.match_regency("Lombok")
    assert [c.code for c in match.candidates] == ["52.01", "52.02", "52.03", "52.08"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "asdfgh",
        "xyz",
        "qwerty uiop",
        "tidak tahu",
        "Kota",
        "Kab.",
        "12345",
        "NTB",
        "Bali",
        "Papua Barat",
        "Jawa Timur",
    ],
)
def test_match_regency_nonsense_or_province_only(text: str) -> None:
    match = regions.match_regency(text)
    assert match.region is None
    assert match.candidates == []


@pytest.mark.parametrize("text", ["hello", "halo", "saya", "ok", "ya", "mohon bantuan"])
def test_match_regency_chatter_gives_few_candidates(text: str) -> None:
    match = regions.match_regency(text)
    assert match.region is None
    assert len(match.candidates) <= 2


def test_province_restricts_first() -> None:
    assert regions.match_regency("Lotim", province_code="52").region == regions.get("52.03")
    timor = regions.match_regency("Lombok Timor", province_code="52")
    assert timor.region is None and timor.candidates[0].code == "52.03"
    assert all(c.code.startswith("52.") for c in timor.candidates)
    # Typos are resolved within the province: "Bima" is ambiguous only as long as there are
    # two Bimas in the province.
    bima = regions.match_regency("Bima", province_code="52")
    assert [c.code for c in bima.candidates] == ["52.06", "52.72"]


def test_match_outside_the_given_province_is_only_a_candidate() -> None:
    match = regions.match_regency("Lombok Timur", province_code="35")
    assert match.region is None
    assert [c.code for c in match.candidates] == ["52.03"]
    jember = regions.match_regency("Jember", province_code="62")
    assert jember.region is None and jember.candidates[0].code == "35.09"


def test_province_in_text_that_contradicts_the_given_province() -> None:
    match = regions.match_regency("Lombok Timur, NTB", province_code="35")
    assert match.region is None and match.candidates[0].code == "52.03"


def test_unknown_province_code_is_an_error() -> None:
    with pytest.raises(UnknownRegionError):
        regions.match_regency("Lotim", province_code="99")


def test_every_regency_matches_its_own_name_and_short_name() -> None:
    for province in regions.provinces():
        for regency in regions.regencies_of(province.code):
            assert regions.match_regency(regency.name).region == regency, regency
            by_short = regions.match_regency(regency.short_name)
            assert regency in by_short.candidates, regency
            within = regions.match_regency(regency.short_name, province_code=province.code)
            assert regency in within.candidates, regency


def test_every_province_matches_its_own_name() -> None:
    for province in regions.provinces():
        assert regions.match_province(province.name).region == province
        assert regions.match_province(province.short_name).region == province
        assert regions.match_province(f"Provinsi {province.name}").region == province


def test_aliases_point_at_existing_regions() -> None:
    aliases = (ROOT / "models" / "data" / "region_aliases.csv").read_text(encoding="utf-8")
    for line in aliases.splitlines()[1:]:
        alias, code, name = line.split(",")
        region = regions.get(code)
        assert region is not None and region.name == name, line
        match = regions.match_province(alias) if region.level == 1 else regions.match_regency(alias)
        assert region in match.candidates, line
