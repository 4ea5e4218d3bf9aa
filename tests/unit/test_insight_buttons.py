"""The callback data of /cari's paging and /perekrut's export buttons, read back."""

from __future__ import annotations

from views.recruiters import ExportTarget, export_data, parse_export_data
from views.search import SEARCH_MARK, parse_search_data, search_data


def test_a_paging_button_belongs_to_the_search_its_message_shows() -> None:
    message = f"{SEARCH_MARK}warga telantar\n300 kasus ditemukan"
    assert parse_search_data(search_data(2, "warga telantar"), message) == (2, "warga telantar")
    # Another query's button, a message that is no search, one the bot can no longer read.
    assert parse_search_data(search_data(2, "joko"), message) is None
    assert parse_search_data(search_data(2, "warga telantar"), "warga telantar") is None
    assert parse_search_data(search_data(2, "warga telantar"), None) is None
    for bad in (None, "", "s:x:abc", "s:1", "t:1:" + search_data(1, "a").split(":")[2]):
        assert parse_search_data(bad, message) is None


def test_export_buttons_name_one_record_or_all() -> None:
    assert parse_export_data(export_data(None)) == ExportTarget(None)
    assert parse_export_data(export_data(42)) == ExportTarget(42)
    for bad in (None, "", "rx:", "rx:-1", "rx:semua", "rx:99999999999"):
        assert parse_export_data(bad) is None
