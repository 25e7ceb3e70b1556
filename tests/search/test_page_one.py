"""Near-spellings never pad a page of real answers; they still rescue a typo."""

from django.http import QueryDict

import pytest

from search.indexing import index_rebuild
from search.params import search_params_parse
from search.selectors import shops_search
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db


def _titles(text: str) -> list[str]:
    params, errors = search_params_parse(QueryDict(f"q={text}"))
    assert errors == []
    return [shop.title for shop in shops_search(params=params).shops]


@pytest.fixture
def street(shops_index):
    for number in range(3):
        ShopPageFactory(
            title=f"Poissonnerie {number}",
            pitch="Poissons de la côte d'Opale",
            products=[{"name": "Huîtres de Cancale", "price_cents": 900}],
        )
    ShopPageFactory(
        title="Herboristerie des Huiles",
        pitch="Huiles essentielles",
        products=[{"name": "Huiles", "price_cents": 900}],
    )
    index_rebuild("shops")


def test_a_word_with_enough_answers_is_not_padded_by_near_spellings(street):
    assert sorted(_titles("huitres")) == [
        "Poissonnerie 0",
        "Poissonnerie 1",
        "Poissonnerie 2",
    ]


def test_a_typo_that_finds_nothing_as_written_is_forgiven(street):
    assert "Poissonnerie 0" in _titles("poissonnnerie")
