"""Merchant image uploads: only JPEG, PNG and WebP pixels reach the media storage.

Every file is made here, in memory, with Pillow or by hand.
"""

import time
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import UploadedFile

import pytest
from PIL import ExifTags, Image, ImageFile

from shops.uploads.forms import SafeImageField, SafeImageForm
from shops.uploads.images import MAX_PIXELS, MAX_UPLOAD_BYTES, image_upload_clean
from tests.factories.images import image_bytes, png_claiming_size

SCRIPT = b"<script>alert(1)</script>"
_MB = 1024 * 1024
LILLE_GRAND_PLACE = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (50.0, 38.0, 14.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (3.0, 3.0, 48.0),
}


def upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo_with_gps_and_orientation():
    """A landscape-shaped JPEG whose EXIF says "rotate me to portrait"."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Fairphone"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(LILLE_GRAND_PLACE)
    return image_bytes("JPEG", size=(80, 40), exif=exif.tobytes())


@pytest.fixture(autouse=True)
def english():
    """Messages and numbers read as in English, whatever the translations say."""
    with translation.override("en"):
        yield


def rejection(uploaded_file):
    with pytest.raises(ValidationError) as caught:
        image_upload_clean(uploaded_file)
    return caught.value


# The function itself


def test_a_phone_photo_loses_its_gps_position_and_is_turned_upright():
    original = photo_with_gps_and_orientation()
    with Image.open(BytesIO(original)) as before:
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    cleaned = image_upload_clean(upload("vitrine.jpeg", original))

    stored = cleaned.read()
    with Image.open(BytesIO(stored)) as after:
        assert after.format == "JPEG"
        assert after.size == (40, 80)
        exif = after.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert not dict(exif)
        assert "exif" not in after.info and "icc_profile" not in after.info
    assert cleaned.name == "vitrine.jpg"
    assert cleaned.content_type == "image/jpeg"
    assert b"Fairphone" not in stored


def test_a_png_keeps_its_transparency():
    logo = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    logo.paste((39, 174, 96, 255), (8, 8, 24, 24))
    buffer = BytesIO()
    logo.save(buffer, format="PNG")

    cleaned = image_upload_clean(upload("logo.png", buffer.getvalue(), "image/png"))

    with Image.open(cleaned) as after:
        assert after.format == "PNG" and after.mode == "RGBA"
        assert after.getpixel((0, 0))[3] == 0
        assert after.getpixel((16, 16)) == (39, 174, 96, 255)
    assert cleaned.name == "logo.png"


def test_a_palette_png_with_a_transparent_colour_keeps_it():
    logo = Image.new("P", (16, 16), 0)
    logo.putpalette([255, 255, 255, 200, 30, 30])
    logo.paste(1, (4, 4, 12, 12))
    buffer = BytesIO()
    logo.save(buffer, format="PNG", transparency=0)

    cleaned = image_upload_clean(upload("tampon.png", buffer.getvalue()))

    with Image.open(cleaned) as after:
        assert after.mode == "RGBA"
        assert after.getpixel((0, 0))[3] == 0
        assert after.getpixel((8, 8)) == (200, 30, 30, 255)


def test_a_webp_stays_a_webp():
    original = image_bytes("WEBP", mode="RGBA", quality=80)

    cleaned = image_upload_clean(upload("devanture.webp", original, "image/webp"))

    with Image.open(cleaned) as after:
        assert after.format == "WEBP" and after.size == (64, 48)
    assert cleaned.name == "devanture.webp"
    assert cleaned.content_type == "image/webp"


def test_the_stored_name_follows_the_real_format_not_the_extension():
    cleaned = image_upload_clean(upload("carte.JPG", image_bytes("PNG")))

    assert cleaned.name == "carte.png"
    with Image.open(cleaned) as after:
        assert after.format == "PNG"


def test_a_cmyk_jpeg_from_print_software_becomes_rgb():
    cleaned = image_upload_clean(upload("flyer.jpg", image_bytes("JPEG", mode="CMYK")))

    with Image.open(cleaned) as after:
        assert after.format == "JPEG" and after.mode == "RGB"


def test_a_header_claiming_billions_of_pixels_is_refused_before_decoding():
    bomb = upload("bombe.png", png_claiming_size(50_000, 50_000), "image/png")

    started = time.monotonic()
    error = rejection(bomb)

    assert time.monotonic() - started < 1
    assert error.code == "image_too_many_pixels"
    assert "megapixels" in error.messages[0]


def test_an_image_over_the_pixel_limit_is_refused_with_its_dimensions():
    side = int(MAX_PIXELS**0.5) + 100
    huge = upload("panorama.png", png_claiming_size(side, side), "image/png")

    started = time.monotonic()
    error = rejection(huge)

    assert time.monotonic() - started < 1
    assert error.code == "image_too_many_pixels"
    assert f"{side:,}" in error.messages[0]
    assert "megapixels" in error.messages[0]


def test_a_truncated_jpeg_is_refused_as_damaged():
    whole = image_bytes("JPEG", size=(256, 256), noise=True)

    error = rejection(upload("coupee.jpg", whole[: len(whole) // 2]))

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert error.code == "image_damaged"
    assert "damaged or incomplete" in error.messages[0]


def test_a_truncated_png_is_refused_as_damaged():
    whole = image_bytes("PNG", size=(256, 256), noise=True)

    error = rejection(upload("coupee.png", whole[: len(whole) // 2]))

    assert error.code == "image_damaged"


def test_html_appended_to_a_jpeg_does_not_survive():
    polyglot = image_bytes("JPEG") + b"<html><body>" + SCRIPT + b"</body></html>"

    cleaned = image_upload_clean(upload("polyglotte.jpg", polyglot))

    assert b"<script" not in cleaned.read().lower()


def test_html_hidden_in_jpeg_metadata_does_not_survive():
    exif = Image.Exif()
    exif[ExifTags.Base.ImageDescription] = SCRIPT.decode()
    polyglot = image_bytes("JPEG", comment=SCRIPT, exif=exif.tobytes())

    cleaned = image_upload_clean(upload("commentaire.jpg", polyglot))

    assert b"<script" not in cleaned.read().lower()


def test_html_before_jpeg_bytes_is_refused():
    polyglot = b"<!doctype html>" + SCRIPT + image_bytes("JPEG")

    assert rejection(upload("polyglotte.jpg", polyglot)).code == "image_format"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b"<script>alert(1)</script></svg>",
        ),
        ("photo.jpg", b"<?php system($_GET['c']); ?>"),
        ("photo.jpg", b"GIF89a" + b"<?php echo 1; ?>"),
        ("page.jpg", b"<html><body>" + SCRIPT + b"</body></html>"),
        ("animation.gif", image_bytes("GIF")),
        ("scan.tiff", image_bytes("TIFF")),
    ],
    ids=["svg-with-script", "php-as-jpg", "php-with-gif-magic", "html", "gif", "tiff"],
)
def test_anything_but_jpeg_png_or_webp_is_refused(name, content):
    error = rejection(upload(name, content))

    assert error.code == "image_format"
    assert "not a JPEG, PNG or WebP image" in error.messages[0]


def test_an_empty_file_is_refused():
    assert rejection(upload("vide.jpg", b"")).code == "image_empty"


def test_a_file_over_ten_megabytes_is_refused_with_its_size():
    photo = image_bytes("JPEG")
    content = photo + bytes(11 * _MB - len(photo))

    error = rejection(upload("lourde.jpg", content))

    assert error.code == "image_too_large"
    assert "11 MB" in error.messages[0] and "10 MB" in error.messages[0]


def test_a_file_just_over_the_limit_does_not_read_as_the_limit():
    error = rejection(upload("limite.jpg", bytes(MAX_UPLOAD_BYTES + 1)))

    assert "10.1 MB" in error.messages[0]


# Through Wagtail's forms and admin views


@pytest.fixture
def safe_image_form(settings):
    """The image settings the project runs with (see ``shops.uploads.forms``)."""
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "shops.uploads.forms.SafeImageForm"
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_UPLOAD_BYTES
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_PIXELS
    settings.WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def truncated_jpeg():
    whole = image_bytes("JPEG", size=(256, 256), noise=True)
    return whole[: len(whole) // 2]


@pytest.mark.django_db
def test_wagtail_builds_its_image_forms_on_the_safe_form(safe_image_form):
    ImageForm = get_image_form(get_image_model())

    assert issubclass(ImageForm, SafeImageForm)
    assert isinstance(ImageForm().fields["file"], SafeImageField)


@pytest.mark.django_db
def test_the_form_reports_a_refusal_on_the_file_field(safe_image_form):
    ImageForm = get_image_form(get_image_model())
    form = ImageForm(
        {"title": "Coupée"}, {"file": upload("coupee.jpg", truncated_jpeg())}
    )

    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()["file"]] == ["image_damaged"]


HOSTILE_UPLOADS = {
    "svg-with-script": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
    "php-as-jpg": ("photo.jpg", b"<?php system($_GET['c']); ?>"),
    "html-before-jpeg": ("photo.jpg", b"<html>" + SCRIPT + image_bytes("JPEG")),
    "truncated-jpeg": ("coupee.jpg", truncated_jpeg()),
    "gif-as-jpg": ("photo.jpg", image_bytes("GIF")),
    "pixel-bomb": ("bombe.png", png_claiming_size(50_000, 50_000)),
    "eleven-megabytes": ("lourde.jpg", image_bytes("JPEG") + bytes(11 * _MB)),
    "empty": ("vide.jpg", b""),
}


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE_UPLOADS.values(), ids=HOSTILE_UPLOADS)
def test_the_multiple_uploader_refuses_a_hostile_file_and_stores_nothing(
    admin_client, safe_image_form, hostile
):
    name, content = hostile
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": upload(name, content)}
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False and answer["error_message"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_the_upload_page_shows_the_refusal_and_stores_nothing(
    admin_client, safe_image_form
):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Vitrine", "file": upload("coupee.jpg", truncated_jpeg())},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [error.code for error in errors] == ["image_damaged"]
    assert escape(errors[0].messages[0]) in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_the_multiple_uploader_stores_a_photo_without_its_exif(
    admin_client, safe_image_form
):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("vitrine.jpg", photo_with_gps_and_orientation())},
    )

    assert response.json()["success"] is True
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (40, 80)
    with image.open_file() as stored:
        assert_exif_free_jpeg(stored)


def assert_exif_free_jpeg(file):
    with Image.open(file) as pixels:
        assert pixels.format == "JPEG"
        assert not dict(pixels.getexif())
        assert "exif" not in pixels.info


@pytest.mark.django_db
def test_a_photo_streamed_to_disk_is_stored_re_encoded(
    admin_client, safe_image_form, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0

    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("vitrine.jpg", photo_with_gps_and_orientation())},
    )

    assert response.json()["success"] is True
    with get_image_model().objects.get().open_file() as stored:
        assert_exif_free_jpeg(stored)


@pytest.mark.django_db
def test_the_multiple_uploader_never_keeps_the_original_bytes_aside(
    admin_client, safe_image_form
):
    """When another field fails, Wagtail parks the request's file until the
    merchant completes the form; what it parks must already be the clean copy."""
    original = photo_with_gps_and_orientation() + SCRIPT

    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("vitrine.jpg", original), "title": "x" * 300},
    )

    parked = UploadedFile.objects.get(pk=response.json()["uploaded_file_id"])
    with parked.file.open() as content:
        assert b"<script" not in content.read()
    response = admin_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[parked.pk]),
        {f"uploaded-image-{parked.pk}-title": "Vitrine"},
    )
    assert response.json()["success"] is True
    with get_image_model().objects.get().open_file() as stored:
        assert_exif_free_jpeg(stored)


@pytest.mark.django_db
def test_the_upload_page_stores_a_polyglot_without_its_script(
    admin_client, safe_image_form
):
    polyglot = image_bytes("JPEG") + SCRIPT

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Vitrine", "file": upload("vitrine.jpg", polyglot)},
    )

    assert response.status_code == 302
    image = get_image_model().objects.get()
    with image.open_file() as stored:
        assert b"<script" not in stored.read()
    assert image.file_size == image.file.size
