"""A short, silent Ogg/Opus voice note built from scratch."""

import struct

OGG_CRC_POLYNOMIAL = 0x04C11DB7
PRE_SKIP = 312
SAMPLES_PER_PACKET = 960  # 20 ms at 48 kHz
SILENT_PACKET = bytes([0xF8])  # TOC byte: CELT full band, 20 ms, mono, one empty frame


def ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ OGG_CRC_POLYNOMIAL) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_page(packets: list[bytes], *, flags: int, granule: int, sequence: int) -> bytes:
    lacing: list[int] = []
    for packet in packets:
        lacing.extend([255] * (len(packet) // 255) + [len(packet) % 255])
    header = struct.pack("<4sBBqIIIB", b"OggS", 0, flags, granule, 1, sequence, 0, len(lacing))
    page = header + bytes(lacing) + b"".join(packets)
    checksum = struct.pack("<I", ogg_crc(page))
    return page[:22] + checksum + page[26:]


def make_ogg_opus(duration: int = 3) -> bytes:
    """An Ogg/Opus file of ``duration`` seconds of silence."""
    head = struct.pack("<8sBBHIhB", b"OpusHead", 1, 1, PRE_SKIP, 48000, 0, 0)
    vendor = b"dinsos-kobar emulator"
    tags = struct.pack("<8sI", b"OpusTags", len(vendor)) + vendor + struct.pack("<I", 0)
    pages = [
        ogg_page([head], flags=0x02, granule=0, sequence=0),
        ogg_page([tags], flags=0x00, granule=0, sequence=1),
    ]
    total = max(1, duration * 50)
    sent = 0
    while sent < total:
        count = min(255, total - sent)
        sent += count
        last = sent == total
        pages.append(
            ogg_page(
                [SILENT_PACKET] * count,
                flags=0x04 if last else 0x00,
                granule=PRE_SKIP + sent * SAMPLES_PER_PACKET,
                sequence=len(pages),
            )
        )
    return b"".join(pages)
