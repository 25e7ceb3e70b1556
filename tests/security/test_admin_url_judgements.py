"""Every admin URL, judged: what a merchant of another shop gets from it.

The table ``admin_urls_judged.tsv`` lists each route of the admin (Wagtail's and
ours) with what merchant B must get when the route names merchant A's objects:
``refused`` (a redirect to the login or the dashboard, 400, 403, 404 or 405) or
``shown`` (a page of B's own, with nothing of A's); ``error`` only for Wagtail's
``failwhale``, a view that fails on purpose to show the error page. A route that
a Wagtail upgrade or a new feature adds is not in the table, and the test fails
until someone judges it and adds its line. Whatever the judgement, no answer may
contain A's data.
"""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.images.models import Image
from wagtail.models import GroupCollectionPermission

import pytest

from shops.models import QuoteRequest
from shops.permissions import shop_group_ensure
from tests.factories.people import merchant_with_shop

pytestmark = pytest.mark.django_db
JUDGEMENTS = Path(__file__).with_name("admin_urls_judged.tsv")
REFUSED = {302, 400, 403, 404, 405}
SECRETS = ("Atelier Secret de A", "Image privée de A", "Devis privé", "a@example.org")


def admin_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from admin_routes(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith(("admin/", "^admin/")):
            yield route


def judgement_of(status: int) -> str:
    if status >= 500:
        return "error"  # judged so only for Wagtail's own error-page test view
    return "refused" if status in REFUSED else "shown"


def judgements() -> dict[str, str]:
    lines = JUDGEMENTS.read_text().splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def _url(route: str, ids: dict) -> str:
    """The route with A's ids in its integer parameters, any word in the others."""

    def value(name: str, is_int: bool) -> str:
        for kind in ("image", "document", "revision", "quote"):
            if kind in name:
                return str(ids[kind])
        if name == "report":
            return "site-history"
        return str(ids["page"]) if is_int else "x"

    path = re.sub(
        r"\(\?P<(\w+)>([^()]*)\)",
        lambda m: value(m.group(1), "\\d" in m.group(2)),
        route,
    )
    path = re.sub(
        r"<(?:(\w+):)?(\w+)>", lambda m: value(m.group(2), m.group(1) == "int"), path
    )
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


@pytest.fixture
def a_ids():
    merchant, shop = merchant_with_shop(
        name="Atelier Secret de A", email="a@example.org"
    )
    collection = (
        GroupCollectionPermission.objects.filter(group=shop_group_ensure(shop))
        .first()
        .collection
    )
    image = Image.objects.create(
        title="Image privée de A",
        file="original_images/a.jpg",
        width=10,
        height=10,
        collection=collection,
    )
    quote = QuoteRequest.objects.create(
        shop=shop, name="Client de A", email="c@example.org", message="Devis privé"
    )
    return {
        "page": shop.pk,
        "image": image.pk,
        "document": 999_999,
        "revision": shop.save_revision(user=merchant).pk,
        "quote": quote.pk,
    }


def test_every_admin_url_is_judged():
    unjudged = sorted(set(admin_routes()) - set(judgements()))
    assert not unjudged, "Judge these new admin URLs in admin_urls_judged.tsv:\n" + (
        "\n".join(unjudged)
    )


def test_another_merchant_gets_what_each_admin_url_was_judged_to_give(client, a_ids):
    other, _ = merchant_with_shop(name="Boutique de B", email="b@example.org")
    client.force_login(other)
    client.raise_request_exception = False
    expected = judgements()
    wrong = []
    for route in admin_routes():
        url = _url(route, a_ids)
        response = client.get(url)
        body = response.content.decode(errors="ignore")
        got = judgement_of(response.status_code)
        if got != expected.get(route, got):
            wrong.append(
                f"{route} {url}: {response.status_code}, judged {expected[route]}"
            )
        elif any(secret in body for secret in SECRETS):
            wrong.append(f"{route} {url}: {response.status_code} shows A's data")
    assert wrong == []
