"""No admin form accepts an image, document or page its user could not choose.

Found by an attack: posting one's own shop edit form back with the primary key of
an image from another shop's collection published it. The walk below goes over
every page type of the project and every field, on the page or in its inline
panels, that points to an image, a document or a page, and offers each one a
foreign object as a merchant of another shop and as staff of another commune.
"""

from django.db.models import ForeignKey
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import inline_formset

import pytest

from shops.models import ShopPage
from shops.verification.services import shop_verify
from tests.factories.editor import shop_edit_form
from tests.factories.people import commune_staff, merchant_with_shop
from tests.security.conftest import collection_of, image_in
from web.forms import ScopedChoicesPageForm

pytestmark = pytest.mark.django_db
OUR_APPS = ("cms", "shops")


def _restricted_model(field) -> str | None:
    if not isinstance(field, ForeignKey):
        return None
    target = field.related_model
    for name, model in (
        ("image", get_image_model()),
        ("document", get_document_model()),
        ("page", Page),
    ):
        if issubclass(target, model):
            return name
    return None


def _chooser_fields(page_model):
    """(relation or None, field name, kind) for every chooser field of the form."""
    form_class = page_model.get_edit_handler().get_form_class()
    for field in page_model._meta.get_fields():
        if (kind := _restricted_model(field)) and field.name in form_class.base_fields:
            yield None, field.name, kind
    for relation, formset_class in form_class.formsets.items():
        child_model = formset_class.model
        for field in child_model._meta.get_fields():
            if (kind := _restricted_model(field)) and field.name in (
                formset_class.form.base_fields
            ):
                yield relation, field.name, kind


def _bound_form(page_model, user, relation_names):
    form_class = page_model.get_edit_handler().get_form_class()
    data = {}
    for relation in relation_names:
        data.update(
            {
                f"{relation}-TOTAL_FORMS": "1",
                f"{relation}-INITIAL_FORMS": "0",
                f"{relation}-MIN_NUM_FORMS": "0",
                f"{relation}-MAX_NUM_FORMS": "1000",
            }
        )
    return form_class(data, instance=page_model(), for_user=user, parent_page=None)


def _our_page_models():
    return [m for m in get_page_models() if m._meta.app_label in OUR_APPS]


def test_every_page_type_uses_the_scoped_form():
    for model in _our_page_models():
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, ScopedChoicesPageForm), model


@pytest.mark.parametrize("attacker", ["merchant", "staff"])
def test_no_chooser_field_accepts_a_foreign_object(victim, attacker):
    if attacker == "merchant":
        user, _ = merchant_with_shop(name="Boutique de B", email="b@example.org")
    else:
        user = commune_staff(insee_code="59512", username="agent.roubaix")
    walked = 0
    for model in _our_page_models():
        fields = list(_chooser_fields(model))
        form = _bound_form(model, user, {rel for rel, _, _ in fields if rel})
        for relation, name, kind in fields:
            target = form if relation is None else form.formsets[relation].forms[0]
            queryset = target.fields[name].queryset
            assert not queryset.filter(pk=victim[kind].pk).exists(), (
                f"{model.__name__}.{relation or ''}.{name} accepts A's {kind}"
            )
            walked += 1
    # shop photo, logo, gallery, products, offers; places, communes, trails, events
    assert walked >= 12


@pytest.fixture
def verified_merchant_b():
    merchant, shop = merchant_with_shop(name="Boutique de B", email="b@example.org")
    shop_verify(shop=shop, by=commune_staff())
    return merchant, ShopPage.objects.get(pk=shop.pk)


def test_publishing_another_shops_image_is_refused(client, victim, verified_merchant_b):
    merchant, shop = verified_merchant_b
    client.force_login(merchant)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        shop_edit_form(shop, image=victim["image"].pk),
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "error-message" in (
        response.content.decode()
    )
    assert ShopPage.objects.get(pk=shop.pk).image_id is None


def test_a_product_photo_from_another_shop_is_refused(
    client, victim, verified_merchant_b
):
    merchant, shop = verified_merchant_b
    client.force_login(merchant)
    products = inline_formset(
        [
            {
                "name": "Baguette",
                "price_cents": "130",
                "unit": "",
                "stock": "",
                "description": "",
                "active": "on",
                "available_for_click_and_collect": "on",
                "image": victim["image"].pk,
            }
        ]
    )
    client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        shop_edit_form(shop, products=products),
    )
    assert not ShopPage.objects.get(pk=shop.pk).products.exists()


def test_own_images_are_still_accepted(client, verified_merchant_b):
    merchant, shop = verified_merchant_b
    own = image_in("Ma vitrine", collection_of(shop))
    client.force_login(merchant)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        shop_edit_form(shop, image=own.pk),
    )
    assert response.status_code == 302
    assert ShopPage.objects.get(pk=shop.pk).image_id == own.pk


def test_staff_keep_a_shops_photo_when_they_save_its_page(client, verified_merchant_b):
    """The photo sits in the merchant's collection; staff may keep it, not pick it."""
    _, shop = verified_merchant_b
    own = image_in("Vitrine de B", collection_of(shop))
    ShopPage.objects.filter(pk=shop.pk).update(image=own)
    shop = ShopPage.objects.get(pk=shop.pk)
    client.force_login(commune_staff(username="agent.lille.2"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        shop_edit_form(shop, image=own.pk),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
