"""Uploads, file ids, getFile and downloads."""

import io
import struct

import aiohttp
import pytest
from PIL import Image
from telegram import Bot
from telegram.error import BadRequest

from emulator import BotAPIEmulator
from emulator.jpeg import image_size, make_jpeg
from emulator.ogg import make_ogg_opus, ogg_crc


async def started(emu: BotAPIEmulator) -> None:
    await emu.user(7, "Ani").send("/start", wait=False)


async def test_upload_photo_then_get_file_and_download(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    picture = make_jpeg(320, 200, 90)
    message = await bot.send_photo(7, picture, caption="<i>Foto</i>", parse_mode="HTML")
    assert [(p.width, p.height) for p in message.photo] == [(90, 56), (320, 200)]
    assert message.caption == "Foto" and message.caption_entities[0].type == "italic"
    telegram_file = await bot.get_file(message.photo[-1].file_id)
    assert telegram_file.file_path is not None
    assert telegram_file.file_path.startswith(f"{emu.api_root}/file/bot{emu.token}/photos/")
    assert await telegram_file.download_as_bytearray() == picture
    assert emu.file_bytes(message.photo[0].file_id) == picture
    again = await bot.send_photo(7, message.photo[-1].file_id)
    assert [p.file_id for p in again.photo] == [p.file_id for p in message.photo]


async def test_documents_and_voice_keep_their_metadata(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    document = await bot.send_document(7, b"%PDF-1.4 surat", filename="surat.pdf")
    assert document.document is not None
    assert document.document.file_name == "surat.pdf"
    assert document.document.mime_type == "application/pdf"
    voice = await bot.send_voice(7, make_ogg_opus(2), duration=2)
    assert voice.voice is not None
    shown = emu.user(7, "Ani").chat.bot_messages[-1]
    assert shown.voice == voice.voice.file_id and shown.raw["voice"]["duration"] == 2
    resent = await bot.send_document(7, document.document.file_id)
    assert resent.document is not None
    assert resent.document.file_unique_id == document.document.file_unique_id
    with pytest.raises(BadRequest, match=r"(?i)can't use file of type voice as document"):
        await bot.send_document(7, voice.voice.file_id)
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot.send_photo(7, "AgACnotthere")
    with pytest.raises(BadRequest, match=r"(?i)image_process_failed"):
        await bot.send_photo(7, b"not a picture")
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("nope")


async def test_bot_downloads_what_a_person_sent(emu: BotAPIEmulator, bot: Bot) -> None:
    ani = emu.user(7, "Ani")
    await ani.send_document(b"KTP scan", "ktp.pdf", "application/pdf", wait=False)
    await ani.send_voice(duration=4, wait=False)
    updates = await bot.get_updates()
    document = updates[0].message.document if updates[0].message else None
    voice = updates[1].message.voice if updates[1].message else None
    assert document is not None and voice is not None
    assert await (await bot.get_file(document.file_id)).download_as_bytearray() == b"KTP scan"
    audio = await (await bot.get_file(voice.file_id)).download_as_bytearray()
    assert bytes(audio[:4]) == b"OggS" and b"OpusHead" in audio
    assert emu.user(7, "Ani").chat.messages[-1].raw["voice"]["duration"] == 4


async def test_unknown_download_path_is_404(emu: BotAPIEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{emu.api_root}/file/bot{emu.token}/photos/none.jpg"
        async with session.get(url) as response:
            assert response.status == 404


def _picture(image_format: str, width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, format=image_format)
    return buffer.getvalue()


def test_generated_jpeg_is_well_formed() -> None:
    picture = make_jpeg(17, 9, 3)
    assert picture.startswith(b"\xff\xd8\xff\xe0") and picture.endswith(b"\xff\xd9")
    assert image_size(picture) == (17, 9)
    assert image_size(_picture("PNG", 5, 6)) == (5, 6)
    assert image_size(_picture("GIF", 3, 4)) == (3, 4)
    assert image_size(b"plain text") is None
    # A PNG signature without its header chunk is no picture; nor is a format Telegram refuses.
    assert image_size(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8 + struct.pack(">II", 5, 6)) is None
    assert image_size(_picture("BMP", 5, 6)) is None


def test_generated_ogg_pages_have_valid_checksums() -> None:
    audio = make_ogg_opus(6)
    pages = audio.split(b"OggS")[1:]
    assert len(pages) == 4  # head, tags and 300 packets over two pages
    for body in pages:
        page = b"OggS" + body
        zeroed = page[:22] + b"\x00" * 4 + page[26:]
        assert struct.unpack("<I", page[22:26])[0] == ogg_crc(zeroed)
    assert pages[-1][1] & 0x04  # end of stream flag on the last page
