"""The page shows the bot's Telegram HTML only after it went through the sanitiser."""

from __future__ import annotations

import pytest

from simulator.places import parse_coordinate
from simulator.sanitize import sanitize_html


def test_telegram_formatting_is_kept() -> None:
    source = (
        "<b>Nama</b> <i>miring</i> <u>garis</u> <s>coret</s> <code>KBR-2026-0001</code>"
        '<pre><code class="language-text">x</code></pre><blockquote>kutip</blockquote>'
    )
    assert sanitize_html(source) == (
        "<b>Nama</b> <i>miring</i> <u>garis</u> <s>coret</s> <code>KBR-2026-0001</code>"
        "<pre><code>x</code></pre><blockquote>kutip</blockquote>"
    )


def test_spoilers_and_custom_emoji_become_plain_spans() -> None:
    assert (
        sanitize_html("<tg-spoiler>rahasia</tg-spoiler>") == '<span class="spoiler">rahasia</span>'
    )
    assert sanitize_html('<span class="tg-spoiler">r</span>') == '<span class="spoiler">r</span>'
    assert sanitize_html('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>') == (
        "<span>👍</span>"
    )


def test_links_keep_only_web_targets() -> None:
    assert sanitize_html('<a href="https://t.me/dinsos_kobar_bot?start=abc">undangan</a>') == (
        '<a href="https://t.me/dinsos_kobar_bot?start=abc" target="_blank" '
        'rel="noopener noreferrer">undangan</a>'
    )
    assert (
        sanitize_html('<a href="javascript:alert(1)">klik</a>') == '<span class="link">klik</span>'
    )
    assert sanitize_html('<a href="tg://user?id=5">Dewi</a>') == '<span class="link">Dewi</span>'
    quoted = sanitize_html('<a href="https://x.test/?a=1&quot;onclick=&quot;">x</a>')
    assert 'onclick="' not in quoted and "&quot;" in quoted


def test_web_addresses_in_plain_text_become_links_as_in_telegram_clients() -> None:
    text = "Undangan: https://t.me/dinsos_kobar_bot?start=8vOgJ. Berlaku 48 jam."
    assert sanitize_html(text) == (
        'Undangan: <a href="https://t.me/dinsos_kobar_bot?start=8vOgJ" target="_blank" '
        'rel="noopener noreferrer">https://t.me/dinsos_kobar_bot?start=8vOgJ</a>. Berlaku 48 jam.'
    )
    assert sanitize_html("<code>https://x.test</code>") == "<code>https://x.test</code>"
    linked = '<a href="https://a.test">https://b.test</a>'
    assert sanitize_html(linked).count("<a ") == 1
    assert sanitize_html("javascript:alert(1) ftp://x") == "javascript:alert(1) ftp://x"


def test_everything_else_is_dropped_and_text_escaped() -> None:
    assert sanitize_html('<img src=x onerror="alert(1)">halo') == "halo"
    assert sanitize_html('<b onclick="x()">tebal</b>') == "<b>tebal</b>"
    assert sanitize_html("<script>alert(1)</script>") == "alert(1)"
    assert sanitize_html("a &lt;b&gt; &amp; c") == "a &lt;b&gt; &amp; c"
    assert sanitize_html("<i>tidak ditutup") == "<i>tidak ditutup</i>"
    assert sanitize_html("</b>lebih</i>") == "lebih"
    assert sanitize_html("baris<br>baru") == "baris<br>baru"


def test_coordinates_typed_in_the_location_sheet() -> None:
    assert parse_coordinate("-2.6833, 111.6290") == (-2.6833, 111.629)
    assert parse_coordinate("-2.68 111.63") == (-2.68, 111.63)
    assert parse_coordinate(" -2.68;111.63 ") == (-2.68, 111.63)
    for bad in ("", "-2.68", "a, b", "91, 10", "10, 181", "nan, 1", "1, 2, 3"):
        with pytest.raises(ValueError):
            parse_coordinate(bad)
