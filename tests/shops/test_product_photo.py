"""A product's photo sent from its row in the shop editor, through the real edit POST.

The file becomes a Wagtail image in the shop's own collection, re-encoded by the
upload gate, titled with the product's name, and set as the product's photo.
"""

import json
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission
from wagtail.test.utils.form_data import inline_formset

import pytest
from PIL import ExifTags, Image

from shops.access.permissions import shop_collection, shop_group_name
from shops.models import ShopPage
from tests.factories.editor import shop_edit_form
from tests.factories.images import image_bytes, png_claiming_size
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db
PHOTO_FIELD = "products-0-photo_file"


@pytest.fixture
def chosen(merchant_and_shop):
    """A photo already in the shop's collection, as the chooser offers it."""
    _merchant, shop = merchant_and_shop
    return images().create(
        title="Vitrine",
        file=SimpleUploadedFile("vitrine.jpg", image_bytes("JPEG")),
        collection=shop_collection(shop),
    )


def phone_photo():
    """A JPEG carrying a GPS position, as phones write them."""
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (50.0, 38.0, 14.0)}
    )
    content = image_bytes("JPEG", size=(120, 90), exif=exif.tobytes())
    return SimpleUploadedFile("IMG_2041.jpg", content, content_type="image/jpeg")


def edit_data(shop, *, product=None, publish=True, **overrides):
    """The editor's POST with one new product row and a pitch to find again."""
    row = {
        "name": "Tarte au sucre",
        "price_cents": "24,50",
        "unit": "",
        "stock": "",
        "description": "",
        "image": "",
        "active": "on",
        "available_for_click_and_collect": "on",
    }
    row.update(product or {})
    data = shop_edit_form(
        shop,
        pitch="Pain au levain depuis 1931",
        products=inline_formset([row]),
        **overrides,
    )
    if not publish:
        del data["action-publish"]
    return data


def post_edit(client, shop, data, **extra):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]), data, **extra
    )


def images():
    return get_image_model().objects


def test_the_editor_is_multipart_with_a_photo_input_in_each_product_row(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[shop.pk]))
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    # The new row's template, which the "add a product" link copies.
    assert 'name="products-__prefix__-photo_file"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html


def test_a_photo_sent_in_the_row_becomes_the_products_image_re_encoded(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    data = edit_data(shop) | {PHOTO_FIELD: phone_photo()}
    response = post_edit(client, shop, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    product = ShopPage.objects.get(pk=shop.pk).products.get()
    image = product.image
    assert image.title == "Tarte au sucre"
    assert image.collection == shop_collection(shop)
    assert image.uploaded_by_user == merchant
    assert (image.width, image.height) == (120, 90)
    assert image.file_size and image.file_hash
    with image.open_file() as stored, Image.open(BytesIO(stored.read())) as pixels:
        assert pixels.format == "JPEG"
        assert not pixels.getexif()


def test_a_draft_revision_names_the_image_it_made(client, merchant_and_shop):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    data = edit_data(shop, publish=False) | {PHOTO_FIELD: phone_photo()}
    response = post_edit(client, shop, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    shop.refresh_from_db()
    assert not shop.products.exists()  # the live page waits for publishing
    draft = shop.get_latest_revision_as_object()
    image = draft.products.get().image
    assert image.title == "Tarte au sucre"
    shop.get_latest_revision().publish(user=merchant)
    assert ShopPage.objects.get(pk=shop.pk).products.get().image == image


def test_an_autosave_tells_the_open_editor_to_not_send_the_photo_again(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    data = edit_data(shop, publish=False) | {PHOTO_FIELD: phone_photo()}
    response = post_edit(client, shop, data, headers={"Accept": "application/json"})
    answer = json.loads(response.content)
    assert answer["success"], answer
    image = images().get()
    assert answer["field_updates"]["products-0-image"] == str(image.pk)
    assert answer["field_updates"][PHOTO_FIELD] == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("menu.pdf", b"%PDF-1.4 not a picture", "JPEG, PNG"),
        ("huge.png", png_claiming_size(9000, 9000), "(81 "),
    ],
)
def test_a_bad_file_gets_an_error_in_its_row_and_the_rest_is_kept(
    client, merchant_and_shop, name, content, message
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    before = shop.latest_revision_id
    data = edit_data(shop) | {PHOTO_FIELD: SimpleUploadedFile(name, content)}
    response = post_edit(client, shop, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # The row's error sits in the product's panel, and what was typed is still there.
    row = html[html.index('id="inline_child_products-0"') :]
    assert message in row[: row.index('id="inline_child_products-__prefix__"')]
    assert 'value="Tarte au sucre"' in html
    assert "Pain au levain depuis 1931" in html
    assert not images().exists()
    assert ShopPage.objects.get(pk=shop.pk).latest_revision_id == before


def test_a_good_photo_refused_with_the_page_is_asked_for_again(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    data = edit_data(shop, siret="73282932000075") | {PHOTO_FIELD: phone_photo()}
    response = post_edit(client, shop, data)
    assert response.status_code == 200
    # The admin speaks French to this merchant.
    assert "choisissez-la de nouveau" in response.content.decode()
    assert not images().exists()


def test_the_photo_goes_to_this_shops_collection_never_another_shops(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    other_merchant, other_shop = merchant_with_shop(
        name="Boucherie Voisine", email="boucher@example.org"
    )
    # The same person runs both shops: each shop's photos stay in its collection.
    merchant.groups.add(*other_merchant.groups.all())
    client.force_login(merchant)
    response = post_edit(client, shop, edit_data(shop) | {PHOTO_FIELD: phone_photo()})
    assert response.status_code == 302, response.content.decode()[:2000]
    image = images().get()
    assert image.collection == shop_collection(shop)
    assert image.collection != shop_collection(other_shop)


def test_the_chooser_still_sets_an_existing_photo(client, merchant_and_shop, chosen):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    response = post_edit(client, shop, edit_data(shop, product={"image": chosen.pk}))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ShopPage.objects.get(pk=shop.pk).products.get().image == chosen
    assert images().count() == 1


def test_a_photo_sent_with_a_chosen_one_replaces_it(client, merchant_and_shop, chosen):
    merchant, shop = merchant_and_shop
    client.force_login(merchant)
    data = edit_data(shop, product={"image": chosen.pk}) | {PHOTO_FIELD: phone_photo()}
    response = post_edit(client, shop, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = ShopPage.objects.get(pk=shop.pk).products.get().image
    assert image != chosen
    assert image.title == "Tarte au sucre"


def test_a_merchant_who_may_not_add_images_gets_no_photo_input(
    client, merchant_and_shop
):
    merchant, shop = merchant_and_shop
    GroupCollectionPermission.objects.filter(
        group__name=shop_group_name(shop), permission__codename="add_image"
    ).delete()
    client.force_login(merchant)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[shop.pk]))
    assert "photo_file" not in page.content.decode()
    response = post_edit(client, shop, edit_data(shop) | {PHOTO_FIELD: phone_photo()})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ShopPage.objects.get(pk=shop.pk).products.get().image is None
    assert not images().exists()


def test_commune_staff_keep_the_chooser_and_send_no_file_to_the_shop(
    client, merchant_and_shop
):
    _merchant, shop = merchant_and_shop
    staff = commune_staff(username="agent.deux")
    client.force_login(staff)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[shop.pk]))
    assert page.status_code == 200
    assert "photo_file" not in page.content.decode()
    response = post_edit(client, shop, edit_data(shop) | {PHOTO_FIELD: phone_photo()})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not images().exists()
