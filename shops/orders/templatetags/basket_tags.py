"""The header's basket link, with the number of units it holds."""

from django import template

from shops.orders.basket import basket_item_count

register = template.Library()


@register.simple_tag(takes_context=True)
def basket_count(context) -> int:
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return basket_item_count(
        session=request.session, user=getattr(request, "user", None)
    )
