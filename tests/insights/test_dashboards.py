"""Who sees which figures: merchants their shops, staff their commune, and the
public only what cannot point at anyone."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

from insights.models import Measure, PageDay, PublicCall, SearchDay
from insights.selectors import share_percent
from tests.factories.people import (
    PASSWORD,
    commune_staff,
    merchant_with_shop,
    metropolitan_editor,
)
from tests.insights.conftest import BROWSER, visit

pytestmark = pytest.mark.django_db

ROUBAIX, LILLE = "59512", "59350"


@pytest.fixture
def two_merchants(published_shop):
    merchant_a, shop_a = published_shop
    merchant_b, shop_b = merchant_with_shop(name="Boutique B", email="b@example.org")
    today = timezone.localdate()
    for offset in range(14):
        PageDay.objects.create(
            day=today - timedelta(days=offset),
            page_id=shop_a.pk,
            measure=Measure.VIEW,
            count=10 + offset,
        )
    PageDay.objects.create(
        day=today,
        page_id=shop_a.pk,
        measure=Measure.IMPRESSION,
        words="pain levain",
        count=4,
        position_sum=8,
    )
    return (merchant_a, shop_a), (merchant_b, shop_b)


def _gap(words: str, *, commune: str, searches: int, results: int = 0):
    SearchDay.objects.create(
        day=timezone.localdate(),
        words=words,
        commune_code=commune,
        searches=searches,
        fewest_results=results,
    )


def test_a_merchant_sees_views_words_a_chart_and_a_table(client, two_merchants):
    (merchant, shop), _other = two_merchants
    client.force_login(merchant)
    response = client.get("/admin/insights/", {"days": 7})
    html = response.content.decode()
    assert response.status_code == 200
    assert shop.title in html and "Boutique B" not in html
    assert "<svg" in html and 'role="img"' in html and "<table" in html
    assert "pain levain" in html
    # 7 days of 10..16 views against the 7 before (17..23).
    assert "<td>91</td>" in html and "<td>140</td>" in html and "-35&nbsp;%" in html


def test_a_merchant_cannot_see_or_export_another_shop(client, two_merchants):
    (_merchant, shop_a), (merchant_b, _shop_b) = two_merchants
    client.force_login(merchant_b)
    assert client.get("/admin/insights/", {"shop": shop_a.pk}).status_code == 404
    export = client.get("/admin/insights/export.csv", {"shop": shop_a.pk})
    assert export.status_code == 404
    rows = client.get("/admin/insights/export.csv").content.decode()
    assert str(shop_a.pk) not in rows.split("\n", 1)[1]
    assert (
        client.get("/admin/insights/export.csv", {"report": "demand"}).status_code
        == 404
    )


def test_a_query_searched_five_times_without_result_shows_to_its_communes_staff(
    client, shops_index
):
    for _ in range(5):
        client.get("/search/", {"q": "poissonnerie", "commune": ROUBAIX}, **BROWSER)
    call_command("insights_rollup", stdout=io.StringIO())
    client.force_login(commune_staff(insee_code=ROUBAIX, username="agent.roubaix"))
    html = client.get("/admin/insights/").content.decode()
    assert "poissonnerie" in html and "<td>5</td>" in html
    csv_rows = client.get("/admin/insights/export.csv").content.decode()
    assert "poissonnerie,5,0" in csv_rows
    client.force_login(commune_staff(insee_code=LILLE, username="agent.lille"))
    assert "poissonnerie" not in client.get("/admin/insights/").content.decode()


def test_staff_cannot_open_another_communes_figures(client):
    client.force_login(commune_staff(insee_code=ROUBAIX, username="agent.roubaix"))
    assert client.get("/admin/insights/", {"commune": LILLE}).status_code == 404
    export = client.get("/admin/insights/export.csv", {"commune": LILLE})
    assert export.status_code == 404
    assert client.get("/admin/insights/", {"shop": 1}).status_code == 404


def test_metropolitan_editors_see_every_commune(client):
    _gap("poissonnerie", commune=ROUBAIX, searches=80)
    _gap("cordonnier", commune=LILLE, searches=6, results=1)
    client.force_login(metropolitan_editor())
    whole = client.get("/admin/insights/").content.decode()
    assert "poissonnerie" in whole and "cordonnier" in whole
    lille = client.get("/admin/insights/", {"commune": LILLE}).content.decode()
    assert "cordonnier" in lille and "poissonnerie" not in lille


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("resident", 302), ("merchant", 200), ("staff", 200)],
)
@pytest.mark.parametrize("url", ["/admin/insights/", "/admin/insights/export.csv"])
def test_permission_matrix(client, who, status, url):
    if who == "resident":
        user = get_user_model().objects.create_user("habitant", password=PASSWORD)
        client.force_login(user)
    elif who == "merchant":
        client.force_login(merchant_with_shop()[0])
    elif who == "staff":
        client.force_login(commune_staff())
    assert client.get(url).status_code == status


def test_public_stats_show_words_only_from_five_searches(client, published_shop):
    _gap("poissonnerie", commune=ROUBAIX, searches=5)
    _gap("rue des lilas 12 dupont", commune="", searches=1)
    PublicCall.objects.create(day=timezone.localdate(), kind="download", count=3)
    for language, title in (
        ("fr", "Vitrine en chiffres"),
        ("en", "Vitrine in figures"),
    ):
        html = client.get("/stats/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert title in html
        assert "poissonnerie" in html and "dupont" not in html
    data = client.get("/api/v1/stats/").json()
    assert data["shops"] == 1 and data["open_data_downloads"] == 3
    assert data["top_searches"] == [{"words": "poissonnerie", "searches": 5}]


def test_the_stats_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content
    assert b"/api/v1/stats/" in schema


def test_the_public_stats_page_counts_itself_among_nothing(client, published_shop):
    _merchant, shop = published_shop
    visit(client, shop.url)
    assert client.get("/stats/").status_code == 200


def test_demo_figures_load_once(settings, published_shop):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo_insights", stdout=out)
    call_command("load_demo_insights", stdout=out)
    assert "nothing to do" in out.getvalue()
    assert SearchDay.objects.filter(words="poissonnerie").exists()


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(282, 283, 99), (283, 283, 100), (1, 300, 1), (0, 300, 0), (0, 0, 0), (1, 2, 50)],
)
def test_a_share_never_claims_more_than_is_true(part, whole, shown):
    """A commune with one listing left to verify is not told 100 %."""
    assert share_percent(part, whole) == shown


def test_public_figures_read_as_the_reader_writes_numbers_and_months(
    client, published_shop
):
    """French readers see "décembre 2026" and "1 234", not "2026-12" and "1234"."""
    _merchant, shop = published_shop
    day = timezone.localdate()
    PageDay.objects.create(day=day, page_id=shop.pk, measure=Measure.ORDER, count=1234)
    PublicCall.objects.create(day=timezone.localdate(), kind="api", count=4321)
    html = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    with translation.override("fr"):
        month = date_format(day, "F Y")
    assert month in html and f"{day:%Y-%m}" not in html
    assert "4\u202f321" in html or "4\xa0321" in html
    assert (
        client.get("/api/v1/stats/").json()["orders_per_month"][-1]["month"]
        == f"{day:%Y-%m}"
    )
