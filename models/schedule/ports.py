"""What the digests and reports need from the views besides texts: files to send along.

The domain decides who gets which digest or report and queues it; the views (views/digest.py,
views/reports.py) render each part in the reader's language. bot/ hands the views down.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Upload:
    """A photo or a document for the outbox, with its caption (Telegram HTML)."""

    filename: str
    content: bytes
    caption: str
