"""Words as a shopkeeper reads them: agreements, short dates, honest percentages."""

from datetime import datetime

from django.utils import translation

import pytest

from cms.selectors import share_percent
from shops.templatetags.short_dates import short_date
from territory.hours import PARIS
from tests.factories.people import merchant_with_shop

FRIDAY = datetime(2026, 12, 4, 10, 30, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("fr", "ven. 4 déc., 10:30"),
        ("nl", "vr 4 dec., 10:30"),
        ("en", "Fri 4 Dec, 10:30"),
    ],
)
def test_short_dates_are_abbreviated_as_each_language_does(language, shown):
    with translation.override(language):
        assert short_date(FRIDAY, True) == shown


def test_a_share_never_rounds_up_to_all_or_down_to_none():
    assert share_percent(282, 283) == 99
    assert share_percent(283, 283) == 100
    assert share_percent(1, 300) == 1
    assert share_percent(0, 0) == 0


@pytest.mark.django_db
def test_wagtails_french_is_corrected_where_the_project_overrides_it(client):
    merchant, _shop = merchant_with_shop()
    client.force_login(merchant)
    html = client.get("/admin/").content.decode()
    assert "créée dans" in html or "créées dans" in html
    assert "Image <span" not in html or "créé dans" not in html
    with translation.override("fr"):
        assert translation.gettext("Add %(label)s") == "Ajouter : %(label)s"
        assert translation.gettext("Pages") == "Pages"
