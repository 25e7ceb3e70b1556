"""Merchant A's private objects, the ones every attack test names as merchant B."""

from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Collection, GroupCollectionPermission, Page

import pytest

from shops.access.permissions import shop_group_ensure
from tests.factories.people import merchant_with_shop


def collection_of(shop) -> Collection:
    permission = GroupCollectionPermission.objects.filter(
        group=shop_group_ensure(shop)
    ).first()
    return permission.collection


def image_in(title: str, collection: Collection) -> Image:
    return Image.objects.create(
        title=title,
        file="original_images/x.jpg",
        width=10,
        height=10,
        collection=collection,
    )


@pytest.fixture
def victim():
    """Merchant A's private image and draft page: the objects an attacker names."""
    _, shop = merchant_with_shop(name="Atelier de A", email="a@example.org")
    return {
        "image": image_in("Image privée de A", collection_of(shop)),
        "page": Page.objects.get(pk=shop.pk),
        "document": get_document_model().objects.create(
            title="Document de A",
            file="documents/a.pdf",
            collection=collection_of(shop),
        ),
    }
