"""Every admin URL that takes an id, walked from the URL resolver, as the wrong person.

Merchant B is given merchant A's page id, image id, revision id and quote request id
wherever a URL takes an integer; commune staff of Roubaix get a Lille shop's. Each
answer must refuse (redirect, 403, 404 or 405) and must not contain A's private data.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from shops.models import ShopPage
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db

SECRET = "Atelier Secret de A"
PRIVATE_TEXTS = (SECRET, "pitch privé", "Image privée", "Devis privé")
REFUSED = (302, 400, 403, 404, 405)
# Views that take an id but show nothing of the object it names.
NOT_ABOUT_AN_OBJECT = {"wagtailadmin_pages:type_use", "wagtailadmin_pages:search"}


def _admin_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _admin_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if route.startswith("admin/") and "<int:" in route:
                yield f"{namespace}{entry.name}" if entry.name else route, route


def _fill(route: str, value: int) -> str:
    path = re.sub(r"<int:[^>]+>", str(value), route)
    return "/" + re.sub(r"<[^>]+>", "x", path).lstrip("^").rstrip("$")


def _walk(client, ids: dict, secrets=PRIVATE_TEXTS) -> list[str]:
    client.raise_request_exception = False
    leaks = []
    patterns = list(_admin_patterns())
    assert len(patterns) > 40  # the walk really covers Wagtail's admin
    for name, route in patterns:
        if name in NOT_ABOUT_AN_OBJECT:
            continue
        for value in set(ids.values()):
            url = _fill(route, value)
            for method in ("get", "post"):
                response = getattr(client, method)(
                    url, {"title": "pirate", "reason": "x" * 30}
                )
                body = response.content.decode(errors="ignore")
                leaked = any(secret in body for secret in secrets)
                if response.status_code not in REFUSED or leaked:
                    if response.status_code == 200 and not leaked:
                        continue  # a listing or form that shows nothing of A
                    flag = " (leak)" if leaked else ""
                    leaks.append(
                        f"{method.upper()} {url} -> {response.status_code}{flag}"
                    )
    return leaks


def test_merchant_b_gets_nothing_of_merchant_a_from_any_admin_url(
    client, merchant_a_private
):
    shop, ids = merchant_a_private
    other, _ = merchant_with_shop(name="Boutique de B", email="b@example.org")
    client.force_login(other)
    assert _walk(client, ids) == []
    shop = ShopPage.objects.get(pk=shop.pk)
    assert shop.title == SECRET and not shop.live and shop.verified_at is None


def test_staff_of_another_commune_get_nothing_of_its_shops(client, merchant_a_private):
    shop, ids = merchant_a_private
    client.force_login(commune_staff(insee_code="59512", username="agent.roubaix"))
    assert _walk(client, ids) == []
    assert ShopPage.objects.get(pk=shop.pk).verified_at is None
