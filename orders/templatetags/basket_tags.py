"""The header's basket link, with the number of units it holds."""

from django import template

from orders.basket import basket_item_count
from orders.slots import slot_range

register = template.Library()


@register.simple_tag(takes_context=True)
def basket_count(context) -> int:
    request = context.get("request")
    return basket_item_count(request=request) if request is not None else 0


@register.filter
def pickup_range(starts_at) -> str:
    """A pickup time as the slot it opens: "07:30-08:00"."""
    return slot_range(starts_at)
