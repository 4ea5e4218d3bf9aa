"""A tiny baseline JPEG encoder for flat grey pictures, and image size sniffing."""

import logging
import struct

logger = logging.getLogger(__name__)


class BitWriter:
    def __init__(self) -> None:
        self.bits: list[int] = []

    def write(self, value: int, length: int) -> None:
        self.bits.extend((value >> shift) & 1 for shift in range(length - 1, -1, -1))

    def to_bytes(self) -> bytes:
        padded = self.bits + [1] * (-len(self.bits) % 8)
        out = bytearray()
        for start in range(0, len(padded), 8):
            byte = int("".join(map(str, padded[start : start + 8])), 2)
            out.append(byte)
            if byte == 0xFF:
                out.append(0x00)
        return bytes(out)


def segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def huffman_table(table_class_and_id: int, symbols: list[int]) -> tuple[bytes, dict[int, int], int]:
    """A canonical table giving every symbol a code of the same length (never all ones)."""
    length = max(1, len(symbols).bit_length())
    counts = [0] * 16
    counts[length - 1] = len(symbols)
    payload = bytes([table_class_and_id, *counts, *symbols])
    return segment(0xC4, payload), {symbol: code for code, symbol in enumerate(symbols)}, length


def make_jpeg(width: int = 64, height: int = 48, shade: int = 160) -> bytes:
    """A valid greyscale JPEG of one flat shade (0..255)."""
    dc_value = 8 * (shade - 128)
    category = abs(dc_value).bit_length()
    dc_symbols = sorted({0, category})
    dc_table, dc_codes, dc_length = huffman_table(0x00, dc_symbols)
    ac_table, ac_codes, ac_length = huffman_table(0x10, [0x00])
    bits = BitWriter()
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    for block in range(blocks):
        difference = dc_value if block == 0 else 0
        size = abs(difference).bit_length()
        bits.write(dc_codes[size], dc_length)
        if size:
            bits.write(difference if difference > 0 else difference + (1 << size) - 1, size)
        bits.write(ac_codes[0x00], ac_length)
    return b"".join(
        [
            b"\xff\xd8",
            segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            segment(0xDB, bytes([0x00] + [1] * 64)),
            segment(0xC0, struct.pack(">BHHB3B", 8, height, width, 1, 1, 0x11, 0)),
            dc_table,
            ac_table,
            segment(0xDA, bytes([1, 1, 0x00, 0, 63, 0])),
            bits.to_bytes(),
            b"\xff\xd9",
        ]
    )


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:
            index += 1
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + struct.unpack(">H", data[index + 2 : index + 4])[0]
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a JPEG, PNG or GIF picture; None for anything else."""
    if data.startswith(b"\xff\xd8"):
        return jpeg_size(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    return None
