"""sendPhoto, sendDocument, sendVoice and getFile."""

from typing import Any

from emulator.entities import caption_text
from emulator.errors import bad_request
from emulator.files import StoredFile
from emulator.methods.common import caption_content, send, sending_chat
from emulator.spec import UploadedFile
from emulator.state import EmulatorState

MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024


def existing_file(state: EmulatorState, reference: str, kind: str) -> StoredFile:
    if reference.startswith(("http://", "https://")):
        raise bad_request("sending files by URL is not supported by the emulator")
    stored = state.files.get(reference)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind:
        raise bad_request(f"can't use file of type {stored.kind.title()} as {kind.title()}")
    return stored


def caption_of(params: dict[str, Any]) -> dict[str, Any]:
    formatted = caption_text(
        params.get("caption"), params.get("parse_mode"), params.get("caption_entities")
    )
    return caption_content(formatted.text, formatted.entities)


async def send_photo(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    record = sending_chat(state, params["chat_id"])
    caption = caption_of(params)
    photo = params["photo"]
    if isinstance(photo, UploadedFile):
        sizes = state.files.add_photo(photo.data)
        if sizes is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
    else:
        sizes = state.files.photo_sets[existing_file(state, photo, "photo").file_id]
    return send(state, record, {"photo": sizes, **caption}, params)


async def send_document(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    record = sending_chat(state, params["chat_id"])
    caption = caption_of(params)
    document = params["document"]
    if isinstance(document, UploadedFile):
        stored = state.files.add(
            document.data,
            "document",
            file_name=document.filename,
            mime_type=document.content_type,
        )
    else:
        stored = existing_file(state, document, "document")
    return send(state, record, {"document": stored.as_document(), **caption}, params)


async def send_voice(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    record = sending_chat(state, params["chat_id"])
    caption = caption_of(params)
    voice = params["voice"]
    if isinstance(voice, UploadedFile):
        stored = state.files.add(
            voice.data,
            "voice",
            mime_type=voice.content_type or "audio/ogg",
            duration=params.get("duration"),
        )
    else:
        stored = existing_file(state, voice, "voice")
    return send(state, record, {"voice": stored.as_voice(), **caption}, params)


async def get_file(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    stored = state.files.get(params["file_id"])
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > MAX_DOWNLOAD_SIZE:
        raise bad_request("file is too big")
    return {**stored.describe(), "file_path": stored.file_path}


HANDLERS = {
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendVoice": send_voice,
    "getFile": get_file,
}
