"""What helps a resident through the basket and checkout: the header's count,
pickup chosen by day then slot, contact fields a phone can fill in, errors that
take the focus, French typography from the translations."""

from tests.shops.orders.conftest import add


def test_the_header_counts_the_units_in_the_basket(client, baker, cheesemonger):
    english = {"accept-language": "en"}
    assert ">Basket</a>" in client.get("/basket/", headers=english).text

    add(client, baker, "Croissant", 2)
    add(client, cheesemonger, "Maroilles")

    assert "Basket (3)" in client.get("/basket/", headers=english).text
    assert (
        "Panier (3)" in client.get("/basket/", headers={"accept-language": "fr"}).text
    )
