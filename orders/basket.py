"""The resident's basket: lines of products from any number of shops.

Guests' baskets are found through a token in their session; once a resident signs
in, their basket belongs to the account and the guest basket is merged into it.
Quantities are checked against stock here already, and again when ordering (stock
can go in the meantime); prices are never kept in the basket, only read from the
products when shown or ordered.
"""

from dataclasses import dataclass, field

from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.db import transaction
from django.utils.translation import gettext as _

from orders.models import MAX_QUANTITY, Basket, BasketLine
from shops.models import Product, ShopPage

SESSION_KEY = "basket_token"


class BasketError(Exception):
    """A basket change refused, with a sentence saying what to do instead."""


def _buyable_products():
    return Product.objects.select_related("shop").filter(
        active=True,
        available_for_click_and_collect=True,
        shop__live=True,
        shop__offers_click_and_collect=True,
    )


def quantity_parse(raw) -> int:
    """A quantity typed or sent by a form, or a BasketError explaining the limits."""
    try:
        quantity = int(str(raw).strip())
    except (TypeError, ValueError):
        raise BasketError(_("Please give the quantity as a whole number.")) from None
    if quantity < 1:
        raise BasketError(_("The quantity must be at least 1."))
    if quantity > MAX_QUANTITY:
        raise BasketError(
            _("You can order at most %(max)s of one product.") % {"max": MAX_QUANTITY}
        )
    return quantity


def product_for_basket(product_id) -> Product:
    try:
        return _buyable_products().get(pk=int(product_id))
    except (TypeError, ValueError, Product.DoesNotExist):
        raise BasketError(
            _("This product cannot be ordered for pickup (any more).")
        ) from None


def _check_stock(product: Product, quantity: int) -> None:
    if product.stock is None or quantity <= product.stock:
        return
    if product.stock == 0:
        raise BasketError(
            _("“%(product)s” is out of stock.") % {"product": product.name}
        )
    raise BasketError(
        _("Only %(stock)s of “%(product)s” left: please lower the quantity.")
        % {"stock": product.stock, "product": product.name}
    )


def basket_get(*, session, user, create: bool = False) -> Basket | None:
    """The account's basket when signed in, else the session's."""
    if user is not None and user.is_authenticated:
        if create:
            return Basket.objects.get_or_create(user=user)[0]
        return Basket.objects.filter(user=user).first()
    token = session.get(SESSION_KEY)
    basket = Basket.objects.filter(token=token, user=None).first() if token else None
    if basket is None and create:
        basket = Basket.objects.create()
        session[SESSION_KEY] = str(basket.token)
    return basket


def basket_item_count(*, request) -> int:
    """How many units the visitor's basket holds, for the header's "Basket (2)".

    A visitor whose session holds neither an account nor a basket costs no query
    (not even resolving ``request.user``), so anonymous renders keep their budgets.
    """
    session = getattr(request, "session", None)
    if session is None or not (
        session.get(SESSION_KEY) or session.get(AUTH_SESSION_KEY)
    ):
        return 0
    basket = basket_get(session=session, user=request.user)
    if basket is None:
        return 0
    return sum(basket.lines.values_list("quantity", flat=True))


@transaction.atomic
def basket_add(*, basket: Basket, product_id, quantity, shop_id=None) -> BasketLine:
    """Add units of a product; ``shop_id`` is the shop whose page the form was on."""
    product = product_for_basket(product_id)
    if shop_id not in (None, "") and str(product.shop_id) != str(shop_id).strip():
        raise BasketError(
            _("This product is not sold by this shop: add it from its own page.")
        )
    quantity = quantity_parse(quantity)
    line = BasketLine.objects.filter(basket=basket, product=product).first()
    total = quantity + (line.quantity if line else 0)
    if total > MAX_QUANTITY:
        raise BasketError(
            _("You can order at most %(max)s of one product.") % {"max": MAX_QUANTITY}
        )
    _check_stock(product, total)
    line = line or BasketLine(basket=basket, product=product)
    line.quantity = total
    line.full_clean()
    line.save()
    basket.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def basket_set_quantity(*, basket: Basket, line_id, quantity) -> None:
    line = basket.lines.select_related("product").filter(pk=line_id).first()
    if line is None:
        raise BasketError(_("This line is no longer in your basket."))
    if str(quantity).strip() == "0":
        line.delete()
        return
    quantity = quantity_parse(quantity)
    _check_stock(line.product, quantity)
    line.quantity = quantity
    line.full_clean()
    line.save(update_fields=["quantity"])


def basket_remove(*, basket: Basket, line_id) -> None:
    basket.lines.filter(pk=line_id).delete()


def basket_clear(*, basket: Basket, product_ids=None) -> None:
    lines = basket.lines.all()
    if product_ids is not None:
        lines = lines.filter(product_id__in=product_ids)
    lines.delete()


@transaction.atomic
def basket_merge(*, source: Basket, target: Basket) -> None:
    """Add a guest basket's lines to the account's, within stock and limits."""
    for line in source.lines.select_related("product"):
        existing = target.lines.filter(product=line.product).first()
        quantity = line.quantity + (existing.quantity if existing else 0)
        if line.product.stock is not None:
            quantity = min(quantity, line.product.stock)
        quantity = min(quantity, MAX_QUANTITY)
        if quantity < 1:
            continue
        BasketLine.objects.update_or_create(
            basket=target, product=line.product, defaults={"quantity": quantity}
        )
    source.delete()


@dataclass
class ShopPart:
    """The lines of one shop in the basket, priced from the database."""

    shop: ShopPage
    lines: list[BasketLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total_cents(self) -> int:
        return sum(line.product.price_cents * line.quantity for line in self.lines)


def basket_parts(basket: Basket | None) -> list[ShopPart]:
    """The basket grouped by shop, each line checked against what can be ordered."""
    if basket is None:
        return []
    parts: dict[int, ShopPart] = {}
    lines = basket.lines.select_related("product__shop").order_by(
        "product__shop__title", "product__sort_order", "pk"
    )
    for line in lines:
        shop = line.product.shop
        part = parts.setdefault(shop.pk, ShopPart(shop=shop))
        part.lines.append(line)
        problem = line_problem(line.product, line.quantity)
        if problem:
            part.problems.append(problem)
    return list(parts.values())


def line_problem(product: Product, quantity: int) -> str:
    """Why this line cannot be ordered right now ('' when it can)."""
    shop = product.shop
    if not shop.live or not shop.offers_click_and_collect:
        return _("%(shop)s does not take click-and-collect orders at the moment.") % {
            "shop": shop.title
        }
    if not product.active or not product.available_for_click_and_collect:
        return _("“%(product)s” cannot be ordered for pickup any more.") % {
            "product": product.name
        }
    try:
        _check_stock(product, quantity)
    except BasketError as error:
        return str(error)
    return ""
