"""The gate every merchant image passes before it reaches the media storage.

Merchants upload photos from phones and office software; the file that gets stored is
never theirs but one we encode from its decoded pixels. That single rule removes what
a file may carry besides a picture: GPS coordinates and camera details in EXIF or
XMP, comments, colour profiles, and HTML or script appended to (or hidden inside) a
valid image, which could otherwise be served back from our own domain.

The checks run cheapest first: size in bytes, then the format and the pixel count
read from the header (Pillow opens lazily, so a header announcing billions of pixels
is refused before any memory is allocated for them), and only then a full decode,
which also catches truncated files. ``ImageFile.LOAD_TRUNCATED_IMAGES`` must stay
False for that last check to mean anything.

``shops.uploads.forms.SafeImageForm`` plugs this into every Wagtail image upload.
"""

import contextlib
import math
import os
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000

# Pillow format names. Multi-picture JPEGs (MPO), which some phones produce, are
# opened by Pillow's JPEG plugin under their own name and stored as a plain JPEG.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
_FORMAT_ALIASES = {"MPO": "JPEG"}
_OUTPUT = {
    "JPEG": (".jpg", "image/jpeg", {"quality": 90}),
    "PNG": (".png", "image/png", {}),
    "WEBP": (".webp", "image/webp", {"quality": 90}),
}
_MEGABYTE = 1024 * 1024


def image_upload_clean(uploaded_file: File) -> SimpleUploadedFile:
    """Return a re-encoded copy of ``uploaded_file`` or raise ``ValidationError``.

    The copy keeps the upload's base name with the extension of its real format,
    so a PNG sent as ``logo.jpg`` is stored as ``logo.png``.
    """
    data = _read_bounded(uploaded_file)
    image, image_format = _open_header(data)
    image = _decode(image)
    content = _encode(image, image_format)
    extension, content_type, _options = _OUTPUT[image_format]
    stem = os.path.splitext(os.path.basename(uploaded_file.name or ""))[0]
    return SimpleUploadedFile(
        f"{stem or 'image'}{extension}", content, content_type=content_type
    )


def _read_bounded(uploaded_file: File) -> bytes:
    # Reading one byte past the limit tells "too large" apart without trusting
    # the declared size, and never pulls more than that into memory.
    uploaded_file.seek(0)
    data = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
    uploaded_file.seek(0)
    if not data:
        raise ValidationError(
            _(
                "This file is empty. Choose your photo again on your device and "
                "send it once more."
            ),
            code="image_empty",
        )
    if len(data) > MAX_UPLOAD_BYTES:
        size = max(len(data), getattr(uploaded_file, "size", None) or 0)
        raise ValidationError(
            _(
                "This image is %(size)s MB; the limit is %(limit)s MB. Export it "
                "again at a smaller size or a lower quality, then try again."
            ),
            code="image_too_large",
            params={
                "size": _number(size / _MEGABYTE),
                "limit": _number(MAX_UPLOAD_BYTES / _MEGABYTE),
            },
        )
    return data


def _open_header(data: bytes) -> tuple[Image.Image, str]:
    # Restricting Pillow to three plugins means no other parser ever sees the
    # bytes: SVG, HTML, PHP, GIF or PSD are simply "not an image" here.
    try:
        image = Image.open(BytesIO(data), formats=[*ALLOWED_FORMATS])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow refuses far beyond our limit on its own, before telling the size.
        raise _too_many_pixels(None) from None
    except Exception:
        # Pillow answers hostile input with many exception types (OSError,
        # SyntaxError, ValueError, struct.error...); all mean the same here.
        raise _not_an_image() from None
    image_format = _FORMAT_ALIASES.get(image.format, image.format)
    if image_format not in ALLOWED_FORMATS:
        raise _not_an_image()
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels((width, height))
    return image, image_format


def _decode(image: Image.Image) -> Image.Image:
    try:
        # Only the first frame is decoded and kept: shop photos are still images.
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(image.size) from None
    except Exception:
        raise ValidationError(
            _(
                "This image file is damaged or incomplete. Open it on your device "
                "to check it, export or save it again, then try again."
            ),
            code="image_damaged",
        ) from None
    # The pixels are sound; an unreadable EXIF block only costs the rotation, and
    # the block itself is dropped on encoding anyway.
    with contextlib.suppress(Exception):
        ImageOps.exif_transpose(image, in_place=True)
    return image


def _encode(image: Image.Image, image_format: str) -> bytes:
    # convert() always returns a new, plain image detached from the uploaded file;
    # emptying its info leaves the encoder nothing to copy but pixels (Pillow's
    # savers fall back to ``info`` for comments, ICC profiles and transparency).
    pixels = image.convert(_output_mode(image, image_format))
    image.close()
    pixels.info = {}
    _extension, _content_type, options = _OUTPUT[image_format]
    buffer = BytesIO()
    pixels.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _output_mode(image: Image.Image, image_format: str) -> str:
    if image_format == "JPEG":
        # CMYK and other print modes become RGB: browsers render CMYK JPEGs badly.
        return "L" if image.mode in ("1", "L") else "RGB"
    if image.has_transparency_data:
        return "RGBA"
    if image_format == "PNG" and image.mode in ("1", "L", "I", "I;16"):
        return image.mode
    return "RGB"


def _not_an_image() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a JPEG, PNG or WebP image. Export your photo in one "
            "of these formats and try again."
        ),
        code="image_format",
    )


def _too_many_pixels(size: tuple[int, int] | None) -> ValidationError:
    limit = _number(MAX_PIXELS / 1_000_000)
    if size is None:
        return ValidationError(
            _(
                "This image has far too many pixels; the limit is %(limit)s "
                "megapixels. Resize it to a smaller size, then try again."
            ),
            code="image_too_many_pixels",
            params={"limit": limit},
        )
    width, height = size
    return ValidationError(
        _(
            "This image is %(width)s by %(height)s pixels (%(megapixels)s "
            "megapixels); the limit is %(limit)s megapixels. Resize it to a "
            "smaller size, then try again."
        ),
        code="image_too_many_pixels",
        params={
            "width": _number(width),
            "height": _number(height),
            "megapixels": _number(width * height / 1_000_000),
            "limit": limit,
        },
    )


def _number(value: float) -> str:
    """Format in the shopkeeper's locale, rounding up so an image just over a
    limit never reads as exactly the limit ("10.1 MB", not "10.0 MB")."""
    if value >= 100:
        return number_format(math.ceil(value), decimal_pos=0, force_grouping=True)
    rounded = math.ceil(value * 10) / 10
    decimals = 0 if rounded.is_integer() else 1
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)
