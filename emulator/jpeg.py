"""Pictures for the emulator: flat grey JPEGs (made-up photos, stickers) and picture sizes."""

from io import BytesIO

from PIL import Image, UnidentifiedImageError

# What the emulator takes as a photo; anything else is refused as Telegram refuses it.
PHOTO_FORMATS = ("JPEG", "PNG", "GIF")


def make_jpeg(width: int = 64, height: int = 48, shade: int = 160) -> bytes:
    """A valid greyscale JPEG of one flat shade (0..255)."""
    buffer = BytesIO()
    Image.new("L", (width, height), shade).save(buffer, format="JPEG")
    return buffer.getvalue()


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a JPEG, PNG or GIF picture; None for anything else."""
    try:
        # Reads the header only: the size is known without decoding the picture.
        with Image.open(BytesIO(data), formats=PHOTO_FORMATS) as picture:
            return picture.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None
