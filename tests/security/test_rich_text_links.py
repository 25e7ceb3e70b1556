"""A rich-text link names a page by id too: it may only name a page the user may choose.

The "link" feature of every description lets an editor link to a page of the site,
stored as ``<a linktype="page" id="…">``. Posted by hand with the id of another
shop's unpublished draft, the published description carried that draft's address
(its slug: the name of a shop that has not opened yet). Same rule as the chooser
fields: published pages and the user's own.
"""

from django.urls import reverse

from wagtail.test.utils.form_data import rich_text

import pytest

from shops.models import ShopPage
from shops.verification.services import shop_verify
from tests.factories.editor import shop_edit_form
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_b():
    merchant, shop = merchant_with_shop(name="Boutique de B", email="b@example.org")
    shop_verify(shop=shop, by=commune_staff())
    return merchant, ShopPage.objects.get(pk=shop.pk)


def _link_to(page) -> str:
    return rich_text(f'<p>Voir <a linktype="page" id="{page.pk}">ici</a></p>')


def test_a_link_to_another_shops_draft_is_refused(client, verified_b):
    _, draft = merchant_with_shop(name="Ouverture secrète", email="a@example.org")
    merchant, shop = verified_b
    client.force_login(merchant)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        shop_edit_form(shop, description=_link_to(draft)),
    )
    assert response.status_code == 200
    assert f'id="{draft.pk}"' not in ShopPage.objects.get(pk=shop.pk).description
    public = client.get(ShopPage.objects.get(pk=shop.pk).url).content.decode()
    assert draft.slug not in public


def test_a_link_to_a_published_page_is_kept(client, verified_b):
    merchant, shop = verified_b
    lille = shop.get_parent()
    client.force_login(merchant)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        shop_edit_form(shop, description=_link_to(lille)),
    )
    assert response.status_code == 302
    assert f'id="{lille.pk}"' in ShopPage.objects.get(pk=shop.pk).description
