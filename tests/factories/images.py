"""Image files made in memory, for the upload gate's tests."""

import random
import struct
import zlib
from io import BytesIO

from PIL import Image


def image_bytes(image_format, *, mode="RGB", size=(64, 48), noise=False, **options):
    if noise:
        # Noise keeps the encoded file large enough to be cut in a meaningful place.
        raw = random.Random(0).randbytes(size[0] * size[1] * len(mode))
        image = Image.frombytes(mode, size, raw)
    else:
        image = Image.new(mode, size, "#c0392b" if mode != "CMYK" else (0, 200, 200, 0))
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def png_claiming_size(width, height):
    """A real 1x1 PNG whose header is rewritten to announce ``width`` by ``height``."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)
