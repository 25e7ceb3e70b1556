"""The favourite button of shop and place pages.

Anonymous visitors get a sign-in link and no query, so cached public pages stay
identical for everyone (web.page_cache); signed-in residents, whose pages are never
cached, get a plain POST form with its CSRF token.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from cms.selectors import upcoming_events
from residents.selectors import is_favourite

register = template.Library()


@register.inclusion_tag("residents/favourite_button.html", takes_context=True)
def favourite_button(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "signed_in": signed_in,
        "is_favourite": signed_in and is_favourite(user, page.pk),
        "sign_in_url": reverse("account_login")
        + "?"
        + urlencode({"next": page.url or "/"}),
    }


@register.simple_tag(takes_context=True)
def communes_first(context, events):
    """The home page's coming events, those of my communes first (signed in only).

    Anonymous visitors get the list as it is, with no query: the page they see is
    the cached one everybody gets.
    """
    events = list(events)
    user = getattr(context.get("request"), "user", None)
    if not (user and user.is_authenticated) or not events:
        return events
    mine = list(
        upcoming_events()
        .filter(commune__in=user.communes.values("commune"))
        .order_by("starts_at", "pk")[: len(events)]
    )
    rest = [event for event in events if event not in mine]
    return (mine + rest)[: len(events)]
