"""The page a paused sign-in gets from django-axes (``AXES_LOCKOUT_CALLABLE``)."""

from django.conf import settings
from django.shortcuts import render


def sign_in_paused(request, original_response, credentials):
    """Say plainly how long to wait, in the visitor's language, with a way out."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request, "lockout.html", {"cooloff_minutes": seconds // 60}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response
