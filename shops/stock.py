"""A product's stock: a live count, kept out of page revisions.

Orders take units off ``Product.stock`` and cancellations or refusals put them
back, at any moment; a page revision holds the count of the day it was saved. So
saving a product row never writes its stock (``Product.save``), whether the row
comes from the editor, a revision being published or reverted, or a moderation
step: only the functions here and the order services change it, with one UPDATE
each. A new product (a first save) starts with the count it was created with.
"""

from shops.models import Product


def product_stock_set(*, product_id: int, stock: int | None) -> None:
    """The merchant counted their shelf: this number replaces the live one."""
    Product.objects.filter(pk=product_id).update(stock=stock)
