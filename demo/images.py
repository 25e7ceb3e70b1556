"""Demo pictures drawn with Pillow: one per category, and one per place of interest.

Shops share their category's picture so that a page of 300 shops needs about a
hundred thumbnails, not 300; places are few and each gets its own.
"""

from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile

from wagtail.images.models import Image

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 960, 600
DEMO_TITLE_PREFIX = "Démo Vitrine — "

# One hue per family, light enough for dark text (WCAG contrast above 7:1).
FAMILY_COLOURS = {
    "food": ("#f6d7a7", "#e9a867"),
    "home": ("#cfe3c8", "#8fbf83"),
    "fashion": ("#ecd0e4", "#c98db8"),
    "health_beauty": ("#d3e5f2", "#8cb7d9"),
    "culture_leisure": ("#f3e2a8", "#d9b84f"),
    "services": ("#dcdcea", "#a3a3c7"),
    "crafts": ("#ead6c6", "#c49a78"),
    "place": ("#d8e4e0", "#89aba1"),
}


# Pillow's built-in font has no accented capitals or "ô"; Debian's DejaVu (installed
# on these machines) has them all. Without it, the built-in font still draws a picture.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font(size: int) -> ImageFont.FreeTypeFont:
    if DEJAVU.exists():
        return ImageFont.truetype(str(DEJAVU), size=size)
    return ImageFont.load_default(size=size)


def _fitted_font(draw: ImageDraw.ImageDraw, text: str, size: int, width: int):
    """The largest font, from ``size`` down, that fits ``text`` in ``width``."""
    while size > 18:
        font = _font(size)
        if draw.textlength(text, font=font) <= width:
            return font
        size -= 4
    return _font(size)


def _draw(label: str, colours: tuple[str, str]) -> bytes:
    top, bottom = (PillowImage.new("RGB", (1, 1), c).getpixel((0, 0)) for c in colours)
    picture = PillowImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(picture)
    for y in range(HEIGHT):
        ratio = y / HEIGHT
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(
                round(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True)
            ),
        )
    # A shop-window frame and an awning give the picture its subject.
    draw.rectangle([80, 170, WIDTH - 80, HEIGHT - 60], outline="#2b2b2b", width=6)
    for index, x in enumerate(range(80, WIDTH - 80, 80)):
        fill = "#2b2b2b" if index % 2 else "#fffaf0"
        draw.polygon([(x, 110), (x + 80, 110), (x + 80, 170), (x, 170)], fill=fill)
    font = _fitted_font(draw, label, size=72, width=WIDTH - 220)
    draw.text((WIDTH / 2, 355), label, fill="#1f1f1f", font=font, anchor="mm")
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def demo_image(*, key: str, label: str, palette: str) -> Image:
    """The demo picture titled after ``key``, drawn and saved the first time only."""
    title = f"{DEMO_TITLE_PREFIX}{key}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    content = _draw(label, FAMILY_COLOURS[palette])
    image = Image(title=title)
    image.file = ImageFile(BytesIO(content), name=f"demo-{key}.jpg")
    image.save()
    return image
