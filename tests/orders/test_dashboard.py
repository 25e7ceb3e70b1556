"""The merchant's dashboard counts their orders to handle and accepts in one tap."""

import pytest

from orders.models import ShopOrder
from orders.selectors import orders_to_handle
from orders.states import ShopOrderStatus as S
from tests.orders.conftest import add, checkout_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(client, baker, cheesemonger):
    add(client, baker, "Pain au levain", 2)
    add(client, cheesemonger, "Maroilles", 1)
    client.post("/basket/checkout/", checkout_data(client, [baker, cheesemonger]))
    client.logout()
    return ShopOrder.objects.get(shop=baker)


def test_the_dashboard_counts_the_orders_to_handle_and_accepts_in_one_tap(
    client, placed, merchant_of
):
    merchant = merchant_of(placed.shop)
    counts = orders_to_handle(merchant)
    assert (counts.new_count, counts.to_prepare_count, counts.total) == (1, 0, 1)
    client.force_login(merchant)
    html = client.get("/admin/").content.decode()
    assert 'id="vitrine-orders-title"' in html
    assert placed.order.reference in html
    assert f'action="/admin/orders/{placed.pk}/"' in html
    panel = html[html.index('id="vitrine-orders-title"') :].split("</section>")[0]
    assert 'name="csrfmiddlewaretoken"' in panel  # a real browser's POST needs it
    response = client.post(
        f"/admin/orders/{placed.pk}/", {"action": "accept", "next": "list"}
    )
    assert response.status_code == 302
    placed.refresh_from_db()
    assert placed.status == S.ACCEPTED
    counts = orders_to_handle(merchant)
    assert (counts.new_count, counts.to_prepare_count) == (0, 1)


def test_another_shops_merchant_sees_none_of_these_orders_and_cannot_accept(
    client, placed, cheesemonger, merchant_of
):
    merchant_of(placed.shop)
    other = merchant_of(cheesemonger, username="fromager")
    counts = orders_to_handle(other)
    assert [so.shop_id for so in counts.new] == [cheesemonger.pk]
    client.force_login(other)
    assert placed.order.reference not in client.get("/admin/").content.decode() or (
        # The two parts share the order's reference; the baker's part is not shown.
        f"/admin/orders/{placed.pk}/" not in client.get("/admin/").content.decode()
    )
    response = client.post(f"/admin/orders/{placed.pk}/", {"action": "accept"})
    assert response.status_code == 404
    placed.refresh_from_db()
    assert placed.status == S.PLACED


def test_commune_staff_get_no_orders_panel(client, placed):
    from tests.factories.people import commune_staff

    client.force_login(commune_staff())
    assert 'id="vitrine-orders-title"' not in client.get("/admin/").content.decode()
