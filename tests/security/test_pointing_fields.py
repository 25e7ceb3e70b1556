"""Every model field that names an image, a document, a page or a product, judged.

``test_foreign_choices`` walks the fields of the page forms. This test goes over
every model of every installed app and says, for each field pointing to one of
those four, how a user could set it and what checks it, so that a field added by a
new feature or a Wagtail upgrade fails here until someone decides. A product is
named by no chooser, but an inline form names its product by id: posting another
shop's product id in one's own page form must not reach that product.
"""

from django.apps import apps
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

import pytest

from shops.models import Product, ShopPage
from shops.verification.services import shop_verify
from tests.factories.editor import shop_edit_form
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db

PAGE_FORM = "a page form: ScopedChoicesPageForm (test_foreign_choices)"
PARENT = "the inline's own page, set by the page form"
JUDGED = {
    "cms.CommunePage.image": PAGE_FORM,
    "cms.CommuneHighlight.page": PAGE_FORM,
    "cms.CommuneHighlight.commune_page": PARENT,
    "cms.EventPage.image": PAGE_FORM,
    "cms.PointOfInterestPage.image": PAGE_FORM,
    "cms.PlacePhoto.image": PAGE_FORM,
    "cms.PlacePhoto.place": PARENT,
    "cms.PlaceClosure.place": PARENT,
    "cms.TrailPage.image": PAGE_FORM,
    "cms.TrailStop.page": PAGE_FORM,
    "cms.TrailStop.trail": PARENT,
    "cms.WeeklyMarket.commune_page": PARENT,
    "shops.ShopPage.image": PAGE_FORM,
    "shops.ShopPage.logo": PAGE_FORM,
    "shops.ShopPhoto.image": PAGE_FORM,
    "shops.ShopPhoto.shop": PARENT,
    "shops.ShopClosure.shop": PARENT,
    "shops.Product.image": PAGE_FORM,
    "shops.Product.shop": PARENT,
    "shops.Offer.image": PAGE_FORM,
    "shops.Offer.shop": PARENT,
    "shops.QuoteRequest.shop": "the public shop page the form is posted on",
    "orders.BasketLine.product": "basket_add: active products of live shops only",
    "orders.ShopOrder.shop": "order_place, from the basket",
    "orders.OrderLine.product": "order_place, from the basket",
    "orders.StockReservation.product": "order_place, from the basket",
    "orders.MorningSummary.shop": "a scheduled task",
    "opendata.ShopClaim.shop": "the claim URL of a public, unclaimed listing",
    "residents.Favourite.page": "favourite_toggle: live shops and places only",
    "residents.ClosureAlert.shop": "a task after the shop's own publication",
    "wagtailforms.FormSubmission.page": "no form page type exists",
    "wagtailredirects.Redirect.redirect_page": "redirects: superusers only",
    "wagtailimages.Rendition.image": "Wagtail itself",
    "wagtailcore.Site.root_page": "sites: superusers only",
    "wagtailcore.GroupPagePermission.page": "groups: superusers only",
    "wagtailcore.PageViewRestriction.page": "Wagtail, on a page the user may edit",
    "wagtailcore.WorkflowPage.page": "workflows: superusers only",
    "wagtailcore.PageLogEntry.page": "Wagtail itself",
    "wagtailcore.Comment.page": PARENT,
    "wagtailcore.PageSubscription.page": "Wagtail, on a page the user may edit",
}


def _pointing_fields():
    targets = (get_image_model(), get_document_model(), Page, Product)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            related = field.related_model
            if (
                field.is_relation
                and field.concrete
                and field.editable  # alias_of is not: no form shows it
                and not getattr(field.remote_field, "parent_link", False)
                and isinstance(related, type)
                and issubclass(related, targets)
            ):
                yield f"{model._meta.label}.{field.name}"


def test_every_field_naming_an_image_document_page_or_product_is_judged():
    found = set(_pointing_fields())
    assert found - JUDGED.keys() == set(), "new fields: judge how they are checked"
    assert JUDGED.keys() - found == set(), "fields gone: remove them from JUDGED"


def test_a_merchant_cannot_rewrite_another_shops_product(client):
    _, shop_a = merchant_with_shop(name="Atelier de A", email="a@example.org")
    product = Product.objects.create(shop=shop_a, name="Cramique", price_cents=900)
    merchant_b, shop_b = merchant_with_shop(name="Boutique de B", email="b@example.org")
    shop_verify(shop=shop_b, by=commune_staff())
    shop_b = ShopPage.objects.get(pk=shop_b.pk)
    products = inline_formset(
        [
            {
                "id": product.pk,
                "name": "Volée",
                "price_cents": "1",
                "unit": "",
                "stock": "",
                "description": "",
                "active": "on",
                "available_for_click_and_collect": "on",
            }
        ]
    )
    products["INITIAL_FORMS"] = 1
    client.force_login(merchant_b)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[shop_b.pk]),
        shop_edit_form(shop_b, products=products),
    )
    product.refresh_from_db()
    assert (product.shop_id, product.name, product.price_cents) == (
        shop_a.pk,
        "Cramique",
        900,
    )
