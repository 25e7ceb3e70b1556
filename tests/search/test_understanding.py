"""Words about places and days become filters; the rest is searched as text."""

from datetime import date

import pytest

from search.understanding import CommuneRef, commune_spellings, query_understand

ROUBAIX = CommuneRef("59512", "Roubaix", (50.69, 3.18))
LAMBERSART = CommuneRef("59328", "Lambersart", (50.65, 3.02))
VILLENEUVE = CommuneRef("59009", "Villeneuve-d'Ascq", (50.62, 3.14))
CROIX = CommuneRef("59163", "Croix", (50.67, 3.15))
MARCQ = CommuneRef("59378", "Marcq-en-Barœul", (50.67, 3.09))
COMMUNES = {
    spelling: commune
    for commune in (ROUBAIX, LAMBERSART, VILLENEUVE, CROIX, MARCQ)
    for spelling in commune_spellings(commune.name)
}
FRIDAY = date(2027, 3, 26)


def _understand(text: str):
    return query_understand(text, communes=COMMUNES, today=FRIDAY)


def test_a_commune_name_becomes_a_commune_filter():
    understood = _understand("Boulangerie Roubaix")
    assert understood.text == "boulangerie" and understood.communes == (ROUBAIX,)


@pytest.mark.parametrize(
    "text", ["fromagerie près de Lambersart", "fromagerie pres de lambersart"]
)
def test_pres_de_a_commune_searches_around_its_town_hall(text):
    understood = _understand(text)
    assert understood.text == "fromagerie" and understood.near == LAMBERSART
    assert understood.communes == ()


@pytest.mark.parametrize(
    "text",
    [
        "coiffeur villeneuve d'ascq",
        "coiffeur Villeneuve-d'Ascq",
        "coiffeur à Villeneuve d\u2019Ascq",
    ],
)
def test_communes_are_recognised_however_they_are_written(text):
    assert _understand(text).communes == (VILLENEUVE,)


def test_ligatures_and_hyphens_are_optional():
    assert _understand("caviste marcq en baroeul").communes == (MARCQ,)


def test_a_commune_named_like_a_word_needs_a_preposition():
    assert _understand("croix en or").communes == ()
    assert _understand("bijoutier à Croix").communes == (CROIX,)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("boulangerie ouverte dimanche", date(2027, 3, 28)),
        ("boulangerie ouvert le lundi", date(2027, 3, 29)),
        ("bakery open sunday", date(2027, 3, 28)),
        ("bakkerij zondag open", date(2027, 3, 28)),
        ("boulangerie ouverte vendredi", FRIDAY),
        ("pharmacie ouverte demain", date(2027, 3, 27)),
    ],
)
def test_open_on_a_day_becomes_the_next_such_day(text, day):
    understood = _understand(text)
    assert understood.open_on == day and not understood.open_now
    assert understood.text.split()[0] in {
        "boulangerie",
        "bakery",
        "bakkerij",
        "pharmacie",
    }


@pytest.mark.parametrize("text", ["pharmacie ouverte", "pharmacie ouverte maintenant"])
def test_open_alone_means_open_now(text):
    understood = _understand(text)
    assert understood.open_now and understood.text == "pharmacie"


def test_ordinary_queries_are_left_untouched():
    understood = _understand("Huîtres de Bretagne")
    assert understood.text == "Huîtres de Bretagne"
    assert not (understood.communes or understood.near or understood.open_on)


def test_a_bare_day_after_other_words_means_open_that_day():
    understood = _understand("fleuriste dimanche")
    assert understood.text == "fleuriste" and understood.open_on == date(2027, 3, 28)
    assert _understand("dimanche").open_on is None


def test_a_time_of_day_asks_for_shops_open_then():
    understood = _understand("poissonnerie ouverte dimanche matin")
    assert understood.text == "poissonnerie"
    assert understood.open_on == date(2027, 3, 28) and understood.open_time.hour == 10


def test_a_word_for_any_shop_is_dropped_when_others_remain():
    assert _understand("cheese shop").text == "cheese"
    assert _understand("boutique").text == "boutique"


def test_an_ambiguous_commune_counts_as_the_last_of_several_words():
    assert _understand("plombier croix").communes == (CROIX,)
    assert _understand("croix huguenote").communes == ()
