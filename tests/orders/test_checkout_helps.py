"""What helps a resident through the basket and checkout: the header's count,
pickup chosen by day then slot, contact fields a phone can fill in, errors that
take the focus, French typography from the translations."""

from tests.orders.conftest import add, checkout_data


def test_the_header_counts_the_units_in_the_basket(client, baker, cheesemonger):
    english = {"accept-language": "en"}
    assert ">Basket</a>" in client.get("/basket/", headers=english).text

    add(client, baker, "Croissant", 2)
    add(client, cheesemonger, "Maroilles")

    assert "Basket (3)" in client.get("/basket/", headers=english).text
    assert (
        "Panier (3)" in client.get("/basket/", headers={"accept-language": "fr"}).text
    )


def test_checkout_offers_ranges_by_day_and_phone_friendly_fields(client, baker):
    add(client, baker, "Croissant")

    html = client.get("/basket/checkout/", headers={"accept-language": "fr"}).text

    assert "<optgroup" in html
    assert "09:00\u201309:30 \u00b7 mar 24" in html
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert 'autocomplete="email"' in html and 'autocomplete="name"' in html
    assert "Total\u00a0:" in html and "Total:" not in html


def test_an_error_summary_takes_the_focus_and_links_to_each_field(client, baker):
    add(client, baker, "Croissant")
    data = checkout_data(client, [baker], email="pas-une-adresse", accept_terms="")

    html = client.post("/basket/checkout/", data).text

    assert 'id="error-summary"' in html and "autofocus" in html
    assert 'href="#id_email"' in html and 'href="#id_accept_terms"' in html


def test_the_order_page_shows_the_pickup_range_and_keeps_cancel_apart(client, baker):
    add(client, baker, "Croissant")
    response = client.post("/basket/checkout/", checkout_data(client, [baker]))

    html = client.get(response["Location"], headers={"accept-language": "fr"}).text

    assert "09:00\u201309:30" in html and "Retrait\u00a0:" in html
    assert html.index("pickup-code__value") < html.index("Annuler cette commande")
