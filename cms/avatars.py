"""The admin's avatars: the person's initials, drawn here, never fetched elsewhere.

Wagtail asks Gravatar for a picture by a hash of the email address: a request to
a third party that tells it who uses the admin, and a broken image offline.
``WAGTAIL_GRAVATAR_PROVIDER_URL`` is off; without a picture Wagtail would show a
grey silhouette for everyone, so each person gets their initials on a colour of
their own (an inline SVG, which the admin's ``img-src data:`` allows).
"""

import hashlib
from urllib.parse import quote

from django.utils.html import escape

COLOURS = ("#2e1f5e", "#007d7e", "#8a3b12", "#3b5e1f", "#5e1f4b", "#1f4b5e")


def initials(user) -> str:
    """``Camille Lefebvre`` → ``CL``; ``marchand`` → ``MA``; an email's name part."""
    full = f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}"
    words = full.split() or (user.get_username() or "?").split("@")[0].split(".")
    if len(words) >= 2:
        return (words[0][:1] + words[1][:1]).upper()
    return words[0][:2].upper()


def initials_avatar_url(user, size: int) -> str:
    digest = hashlib.sha256(str(user.pk).encode()).digest()
    colour = COLOURS[digest[0] % len(COLOURS)]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 100 100"><rect width="100" height="100" fill="{colour}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="sans-serif" font-size="42" font-weight="600">'
        f"{escape(initials(user))}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg)
