import pytest

from search.engine import client, index_name
from search.indexing import index_rebuild
from search.queries import shop_search
from search.selectors import shops_search
from shops.models import Category
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "http://127.0.0.1:9"


def _names(text: str) -> list[str]:
    return [shop.title for shop in shops_search(text=text).shops]


@pytest.fixture
def high_street(shops_index):
    florist = Category.objects.get(osm_key="shop", osm_value="florist")
    deli = Category.objects.get(osm_key="shop", osm_value="deli")
    ShopPageFactory(
        title="Au Pain de Maryse",
        products=[{"name": "Baguette tradition", "price_cents": 130}],
    )
    ShopPageFactory(
        title="Boulangerie Vandamme",
        insee_code="59512",
        latitude=50.6903,
        longitude=3.1817,
    )
    ShopPageFactory(title="Fleurs de Lys", category=florist, pitch="Bouquets de saison")
    ShopPageFactory(
        title="L'Épicerie du Vieux-Lille", category=deli, pitch="Produits fins"
    )
    draft = ShopPageFactory(title="Boulangerie Fantôme")
    draft.unpublish()
    index_rebuild("shops")


def test_the_query_builder_is_pure_and_forgives_typos():
    query = shop_search(text="boulangrie", page=2, per_page=10).to_dict()
    matched = query["query"]["function_score"]["query"]["bool"]
    must = matched["must"][0]["bool"]["should"][0]["match"]["all_text.folded"]
    assert must["fuzziness"] == "AUTO" and must["operator"] == "and"
    assert (query["from"], query["size"]) == (10, 10)


def test_a_category_word_lists_the_bakeries_and_only_them(high_street):
    assert sorted(_names("boulangerie")) == [
        "Au Pain de Maryse",
        "Boulangerie Vandamme",
    ]


@pytest.mark.parametrize("text", ["boulangeri", "boulanjerie", "BOULANGERIES"])
def test_misspelled_or_shouted_words_still_find_bakeries(high_street, text):
    assert "Au Pain de Maryse" in _names(text)


@pytest.mark.parametrize("text", ["bakery", "bakkerij"])
def test_english_and_dutch_category_names_find_bakeries(high_street, text):
    assert "Au Pain de Maryse" in _names(text)


def test_words_without_accents_and_with_elision_match(high_street):
    assert _names("epicerie vieux lille") == ["L'Épicerie du Vieux-Lille"]
    assert "L'Épicerie du Vieux-Lille" in _names("l'epicerie")


def test_a_product_name_finds_the_shop_that_sells_it_first(high_street):
    assert _names("baguette")[0] == "Au Pain de Maryse"
    assert _names("tradition") == ["Au Pain de Maryse"]


def test_unpublished_shops_are_not_indexed(high_street):
    assert "Boulangerie Fantôme" not in _names("boulangerie fantome")
    assert shops_search(text="").total == 4


def test_publishing_and_unpublishing_update_the_index_after_commit(
    shops_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shop = ShopPageFactory(title="Cordonnerie Desmet", live=False)
        shop.save_revision().publish()
    assert _names("desmet") == ["Cordonnerie Desmet"]
    shop.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        shop.unpublish()
    assert _names("desmet") == []


def test_a_rebuild_swaps_the_alias_and_drops_the_old_index(high_street):
    es = client()
    before = set(es.indices.get_alias(name=index_name("shops")))
    assert index_rebuild("shops") == 4
    after = set(es.indices.get_alias(name=index_name("shops")))
    assert len(after) == 1 and after.isdisjoint(before)
    assert not any(es.indices.exists(index=name) for name in before)


def test_the_search_page_lists_results_with_their_commune(client, high_street):
    response = client.get("/search/", {"q": "boulangerie"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Au Pain de Maryse" in html and "Roubaix" in html
    assert "2 résultats" in html or "2 results" in html


def test_an_absurdly_long_query_or_bad_page_number_is_handled(client, high_street):
    assert client.get("/search/", {"q": "x" * 5000, "page": "abc"}).status_code == 200
    assert client.get("/search/", {"q": "pain", "page": "-4"}).status_code == 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("viennoiserie", "Boulangerie Vandamme"),
        ("fleuriste", "Fleurs de Lys"),
        ("epicier", "L'Épicerie du Vieux-Lille"),
    ],
)
def test_everyday_words_find_the_shops_that_sell_them(high_street, text, expected):
    assert expected in _names(text)


def test_a_synonym_does_not_bring_unrelated_shops(high_street):
    assert "Fleurs de Lys" not in _names("pain")


def test_synonym_groups_are_folded_and_elided():
    from search.synonyms import fold, word_alternatives

    assert fold("L'Épicerie") == "epicerie"
    assert "boulangerie" in word_alternatives("Pain")
    assert word_alternatives("zzz") == ("zzz",)
