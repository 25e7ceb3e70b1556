"""Template helpers of the search page."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def products_of(highlights: dict[int, list[str]], shop) -> list[SafeString]:
    """The shop's matching products, with the engine's <mark> kept and all else
    escaped: product names are merchants' text."""
    return [
        mark_safe(  # noqa: S308 - escaped first, then only <mark> restored
            escape(fragment)
            .replace("&lt;mark&gt;", "<mark>")
            .replace("&lt;/mark&gt;", "</mark>")
        )
        for fragment in highlights.get(shop.pk, [])
    ]


@register.filter
def of_shop(by_page_id: dict[int, list], shop) -> list:
    """What a results mapping holds for ``shop`` (e.g. its area notices)."""
    return by_page_id.get(shop.pk, [])
