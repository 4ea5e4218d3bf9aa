"""Files known to the emulated Telegram: uploads by the bot and by people."""

import secrets
from dataclasses import dataclass
from typing import Any

from emulator.jpeg import image_size

FILE_ID_PREFIX = {
    "photo": "AgAC",
    "document": "BQAC",
    "voice": "AwAC",
    "sticker": "CAAC",
    "video": "BAAC",
    "video_note": "DQAC",
    "animation": "CgAC",
}
FOLDER = {
    "photo": "photos",
    "document": "documents",
    "voice": "voice",
    "sticker": "stickers",
    "video": "videos",
    "video_note": "video_notes",
    "animation": "animations",
}
THUMBNAIL_SIDE = 90


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    duration: int | None = None

    def describe(self) -> dict[str, Any]:
        """The fields shared by PhotoSize, Document, Voice and File."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }

    def as_document(self) -> dict[str, Any]:
        extra = {"file_name": self.file_name, "mime_type": self.mime_type}
        return {**self.describe(), **{k: v for k, v in extra.items() if v is not None}}

    def as_voice(self) -> dict[str, Any]:
        return {
            **self.describe(),
            "duration": self.duration or 0,
            "mime_type": self.mime_type or "audio/ogg",
        }


class FileStore:
    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self.photo_sets: dict[str, list[dict[str, Any]]] = {}

    def add(
        self,
        data: bytes,
        kind: str,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        duration: int | None = None,
    ) -> StoredFile:
        number = len(self.by_id) + 1
        extension = (file_name or "").rpartition(".")[2] if file_name and "." in file_name else ""
        extension = extension or {"photo": "jpg", "voice": "oga", "sticker": "webp"}.get(
            kind, "bin"
        )
        stored = StoredFile(
            file_id=FILE_ID_PREFIX[kind] + secrets.token_urlsafe(30),
            file_unique_id="AQAD" + secrets.token_urlsafe(9),
            kind=kind,
            data=data,
            file_path=f"{FOLDER[kind]}/file_{number}.{extension}",
            file_name=file_name,
            mime_type=mime_type,
            duration=duration,
        )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self.by_id.get(file_id)

    def add_photo(self, data: bytes) -> list[dict[str, Any]] | None:
        """PhotoSize list (small to large) for picture bytes; None if they are no picture."""
        size = image_size(data)
        if size is None:
            return None
        width, height = size
        dimensions = [(width, height)]
        if max(width, height) > THUMBNAIL_SIDE:
            scale = THUMBNAIL_SIDE / max(width, height)
            dimensions.insert(0, (max(1, round(width * scale)), max(1, round(height * scale))))
        sizes = [
            {**self.add(data, "photo").describe(), "width": w, "height": h} for w, h in dimensions
        ]
        for photo_size in sizes:
            self.photo_sets[photo_size["file_id"]] = sizes
        return sizes
