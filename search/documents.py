"""What the search engine stores about a shop, and how French text is analysed.

Only mappings and pure builders live here: nothing in this module talks to the
engine. The embedded engine ignores ``copy_to``, so the combined ``all_text`` field
is filled in Python by :meth:`ShopDocument.from_shop`.
"""

from django.utils.html import strip_tags

from elasticsearch_dsl import (
    Boolean,
    Document,
    GeoPoint,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

# French elision must see lowercase text ("L'Atelier" → "atelier"), and accents are
# folded before stemming so that "epicerie" finds "épicerie".
french_elision = token_filter(
    "vitrine_french_elision",
    type="elision",
    articles_case=True,
    articles=[
        "l",
        "m",
        "t",
        "qu",
        "n",
        "s",
        "j",
        "d",
        "c",
        "jusqu",
        "quoiqu",
        "lorsqu",
        "puisqu",
    ],
)
french_stemmer = token_filter(
    "vitrine_french_stemmer", type="stemmer", language="light_french"
)
edge_ngrams = token_filter(
    "vitrine_edge_ngrams", type="edge_ngram", min_gram=2, max_gram=15
)

french_text = analyzer(
    "vitrine_french",
    tokenizer="standard",
    filter=["lowercase", french_elision, "asciifolding", french_stemmer],
)
autocomplete_index = analyzer(
    "vitrine_autocomplete",
    tokenizer="standard",
    filter=["lowercase", french_elision, "asciifolding", edge_ngrams],
)
folded_text = analyzer(
    "vitrine_folded",
    tokenizer="standard",
    filter=["lowercase", french_elision, "asciifolding"],
)


class ShopDocument(Document):
    name = Text(
        analyzer=french_text,
        fields={
            "raw": Keyword(),
            "autocomplete": Text(
                analyzer=autocomplete_index, search_analyzer=folded_text
            ),
        },
    )
    category = Keyword()
    family = Keyword()
    category_labels = Text(analyzer=french_text)
    commune_insee = Keyword()
    commune_name = Text(analyzer=french_text, fields={"raw": Keyword()})
    pitch = Text(analyzer=french_text)
    description = Text(analyzer=french_text)
    products = Text(analyzer=french_text)
    address = Text(analyzer=french_text)
    location = GeoPoint()
    opening_hours = Keyword(index=False)
    url = Keyword(index=False)
    click_and_collect = Boolean()
    verified = Boolean()
    wheelchair = Keyword()
    # Craftworkers work on site: a search in a commune they serve finds them too.
    served_communes = Keyword(multi=True)
    # Stemmed for meaning, and a folded-only twin so that typo tolerance compares
    # what the resident typed with the word as written ("boulangeri" → "boulangerie"),
    # not with a stem the typo can no longer reach.
    all_text = Text(
        analyzer=french_text,
        fields={
            "folded": Text(analyzer=folded_text),
        },
    )

    @classmethod
    def from_shop(cls, shop, *, products: list[str] | None = None) -> "ShopDocument":
        """The document of a live ShopPage (``products``: its active product names)."""
        category = shop.category
        product_names = (
            products
            if products is not None
            else [product.name for product in shop.products.all() if product.active]
        )
        labels = [category.name_fr, category.name_en, category.name_nl]
        labels += [term for terms in category.terms.values() for term in terms]
        description = strip_tags(shop.description or "")
        address = " ".join(
            filter(None, [shop.street_address, shop.postal_code, shop.commune.name])
        )
        return cls(
            meta={"id": shop.pk},
            name=shop.title,
            category=category.slug,
            family=category.family,
            category_labels=labels,
            commune_insee=shop.commune.insee_code,
            commune_name=shop.commune.name,
            pitch=shop.pitch,
            description=description,
            products=product_names,
            address=address,
            location={"lat": shop.latitude, "lon": shop.longitude},
            opening_hours=shop.opening_hours,
            url=shop.url_path,
            click_and_collect=shop.offers_click_and_collect,
            verified=shop.verified_at is not None,
            wheelchair=shop.wheelchair or "unknown",
            served_communes=[
                commune.insee_code for commune in shop.served_communes.all()
            ],
            all_text=" ".join(
                [shop.title, *labels, shop.pitch, description, *product_names, address]
            ),
        )
