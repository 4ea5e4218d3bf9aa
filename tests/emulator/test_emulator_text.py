"""Telegram's text rules: HTML, MarkdownV2, UTF-16 offsets and length limits."""

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from emulator import BotAPIEmulator
from emulator.entities import parse_text
from emulator.errors import ApiError
from emulator.html_render import render_html


def parse_error(text: str, mode: str) -> str:
    with pytest.raises(ApiError) as caught:
        parse_text(text, mode)
    assert caught.value.code == 400
    return caught.value.description


def test_escaped_html_is_plain_text() -> None:
    parsed = parse_text('Budi &lt;Sasak&gt; &amp; "Co" &#39;x&#x27;', "HTML")
    assert parsed.text == "Budi <Sasak> & \"Co\" 'x'"
    assert parsed.entities == []


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ('Budi <Sasak> & "Co"', 'Unsupported start tag "sasak" at byte offset 5'),
        ("<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a <b", "Unclosed start tag at byte offset 2"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("Rp 5 & 6", 'Unescaped "&" at byte offset 5'),
        ("&nbsp;", 'Unescaped "&" at byte offset 0'),
        ("line<br>", 'Unsupported start tag "br" at byte offset 4'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("é<sasak>", 'Unsupported start tag "sasak" at byte offset 2'),
    ],
)
def test_html_rejections_read_like_telegram(source: str, reason: str) -> None:
    assert parse_error(source, "HTML").startswith(f"Bad Request: can't parse entities: {reason}")


def test_nested_html_tags_become_entities() -> None:
    parsed = parse_text(
        '<b>Nama <i>lengkap</i></b> <a href="https://kobarkab.go.id">situs</a> '
        "<tg-spoiler>rahasia</tg-spoiler> <code>NIK</code>",
        "HTML",
    )
    assert parsed.text == "Nama lengkap situs rahasia NIK"
    assert parsed.entities == [
        {"type": "bold", "offset": 0, "length": 12},
        {"type": "italic", "offset": 5, "length": 7},
        {"type": "text_link", "offset": 13, "length": 5, "url": "https://kobarkab.go.id/"},
        {"type": "spoiler", "offset": 19, "length": 7},
        {"type": "code", "offset": 27, "length": 3},
    ]


def test_pre_code_language_and_blockquotes() -> None:
    parsed = parse_text(
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote expandable>panjang</blockquote><blockquote>kutip</blockquote>",
        "HTML",
    )
    assert parsed.entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "expandable_blockquote", "offset": 5, "length": 7},
        {"type": "blockquote", "offset": 12, "length": 5},
    ]


def test_offsets_count_utf16_code_units() -> None:
    parsed = parse_text("🙏🏽 <b>Terima kasih</b> 👍", "HTML")
    assert parsed.text == "🙏🏽 Terima kasih 👍"
    assert parsed.entities == [{"type": "bold", "offset": 5, "length": 12}]


def test_surrounding_whitespace_is_trimmed_and_entities_follow() -> None:
    parsed = parse_text("\n  <b>Halo</b>  \n", "HTML")
    assert parsed.text == "Halo"
    assert parsed.entities == [{"type": "bold", "offset": 0, "length": 4}]


@given(st.text())
def test_escaped_text_always_parses_back(text: str) -> None:
    assert parse_text(html.escape(text), "HTML").text == text.strip(" \t\r\n")


tags = st.sampled_from(["b", "i", "u", "s", "tg-spoiler", "code"])
fragments = st.recursive(
    st.text(min_size=1).map(html.escape),
    lambda inner: (
        st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", tags, inner)
        | st.builds(lambda a, b: a + b, inner, inner)
    ),
    max_leaves=8,
)


@given(fragments)
def test_rendered_html_parses_to_the_same_entities(source: str) -> None:
    parsed = parse_text(source, "HTML")
    again = parse_text(render_html(parsed.text, parsed.entities), "HTML")
    assert again == parsed


def test_markdown_v2_entities() -> None:
    parsed = parse_text(
        r"*tebal* _miring_ __garis__ ~coret~ ||rahasia|| `kode` [situs](https://x.id) 1\.5",
        "MarkdownV2",
    )
    assert parsed.text == "tebal miring garis coret rahasia kode situs 1.5"
    assert [e["type"] for e in parsed.entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "text_link",
    ]


@pytest.mark.parametrize(
    ("source", "character"),
    [("Selesai.", "."), ("08-12", "-"), ("(1)", "("), ("a!", "!"), ("x=y", "=")],
)
def test_markdown_v2_reserved_characters_must_be_escaped(source: str, character: str) -> None:
    assert parse_error(source, "MarkdownV2") == (
        "Bad Request: can't parse entities: Character "
        f"'{character}' is reserved and must be escaped with the preceding '\\'"
    )


def test_markdown_v2_unclosed_entity_and_code_contents() -> None:
    assert parse_error("x *tebal", "MarkdownV2").endswith(
        "Can't find end of Bold entity at byte offset 2"
    )
    parsed = parse_text("`a.b-c` ```python\nprint(1)\n```", "MarkdownV2")
    assert parsed.text == "a.b-c print(1)"
    assert parsed.entities[1] == {"type": "pre", "offset": 6, "length": 8, "language": "python"}


def test_legacy_markdown_and_unknown_parse_mode() -> None:
    assert parse_text("*a* _b_ `c`", "Markdown").text == "a b c"
    assert parse_error("*a", "Markdown").endswith(
        "Can't find end of the entity starting at byte offset 0"
    )
    assert parse_error("a", "BBCode") == "Bad Request: unsupported parse_mode 'BBCode'"


def test_explicit_entities_are_checked() -> None:
    bold = {"type": "bold", "offset": 0, "length": 4}
    assert parse_text("halo", "HTML", [bold]).entities == [bold]
    with pytest.raises(ApiError, match="does not fit in text of length 4"):
        parse_text("halo", entities=[{"type": "bold", "offset": 2, "length": 5}])
    with pytest.raises(ApiError, match="needs field url"):
        parse_text("halo", entities=[{"type": "text_link", "offset": 0, "length": 4}])


async def test_length_limits_after_entity_parsing(emu: BotAPIEmulator, bot: Bot) -> None:
    ani = emu.user(7, "Ani")
    await ani.send("hi", wait=False)
    await bot.send_message(7, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(7, "a" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(7, "😀" * 2049)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(7, "<b> </b>", parse_mode="HTML")
    await ani.send_photo(wait=False)
    file_id = ani.chat.messages[-1].photo
    assert file_id is not None
    await bot.send_photo(7, file_id, caption="c" * 1024)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_photo(7, file_id, caption="c" * 1025)


async def test_callback_data_and_button_text_limits(emu: BotAPIEmulator, bot: Bot) -> None:
    await emu.user(7, "Ani").send("hi", wait=False)

    def keyboard(text: str, data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)]])

    await bot.send_message(7, "ok", reply_markup=keyboard("Ya", "é" * 32))
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(7, "x", reply_markup=keyboard("Ya", "é" * 32 + "a"))
    with pytest.raises(BadRequest, match=r"(?i)button_text_invalid"):
        await bot.send_message(7, "x", reply_markup=keyboard(" ", "a"))
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        await bot.send_message(
            7, "x", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Ya")]])
        )
    assert len(emu.violations) == 3
