"""Content-Security-Policy and Permissions-Policy, by area of the site.

The public site runs no inline script and loads nothing from elsewhere but map
tiles (``SEARCH_MAP_TILES_URL``), so its policy (``CONTENT_SECURITY_POLICY`` in the
settings) allows scripts from our own origin only. Wagtail's admin still relies
on inline scripts and styles, so ``/admin/`` gets them added, and may send a
merchant on to Stripe's onboarding. Powerful browser features are off everywhere
except where a page asks for them: geolocation on the search ("near me"), the
camera in the admin (scanning a pickup code).
"""

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {
    "script-src": ["'unsafe-inline'"],
    "form-action": ["https://connect.stripe.com"],
}
FEATURES_OFF = ("camera", "geolocation", "microphone", "payment", "usb")
FEATURES_ALLOWED = {"/search/": ("geolocation",), ADMIN_PREFIX: ("camera",)}


def permissions_policy(path: str) -> str:
    allowed = {
        feature
        for prefix, features in FEATURES_ALLOWED.items()
        if path.startswith(prefix)
        for feature in features
    }
    return ", ".join(
        f"{feature}=(self)" if feature in allowed else f"{feature}=()"
        for feature in FEATURES_OFF
    )


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.update = {**ADMIN_ADDITIONS, **(parts.update or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", permissions_policy(request.path_info))
        return response
