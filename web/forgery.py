"""Cross-site POSTs refused where a CSRF token cannot be used.

Two small forms sit on cached public pages, which must hold no per-visitor CSRF
token to be served to everyone from the cache: "add to basket" and the language
switch. Instead of a token, these views check what every current browser sends
with a POST: ``Sec-Fetch-Site`` and ``Origin``. A form posted from another site
is refused; clients that send neither header (old browsers, scripts, tests) are
let through, since forging one of these requests costs the victim nothing worse
than a product in their basket or a change of language.
"""

from functools import wraps

from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _


def _cross_site(request) -> bool:
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return origin == "null"
    return origin.split("://", 1)[-1] != request.get_host()


def same_site_post_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and _cross_site(request):
            return HttpResponseForbidden(
                _("This form can only be sent from Vitrine's own pages.")
            )
        return view(request, *args, **kwargs)

    return wrapped
