"""Every admin URL, judged: what a merchant of another shop gets from it.

The table ``admin_urls_judged.tsv`` lists each route of the admin (Wagtail's and
ours) with what merchant B must get when the route names merchant A's objects:
``refused`` (a redirect to the login or the dashboard, 400, 403, 404 or 405) or
``shown`` (a page of B's own, with nothing of A's); never a server error (Wagtail's
``failwhale``, which fails on purpose, answers superusers only). A route that a
Wagtail upgrade or a new feature adds is not in the table, and the test fails until
someone judges it and adds its line. Whatever the judgement, no answer may
contain A's data.
"""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import pytest

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
        return "error"  # judged acceptable nowhere: the table has no such line
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
def a_ids(merchant_a_private):
    _, ids = merchant_a_private
    return {**ids, "document": 999_999}


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
