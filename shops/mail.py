"""Emails to merchants and residents, written in the language chosen for them.

The subject is given lazily (``gettext_lazy``) so that it is translated inside the
language override, together with the body, whatever language the request had.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import override


def mail_send(
    *,
    to: str,
    subject,
    template: str,
    context: dict,
    subject_args: dict | None = None,
    language: str | None = None,
) -> bool:
    """Send one plain-text email; False (nothing sent) when there is no address."""
    if not to:
        return False
    with override(language or settings.LANGUAGE_CODE):
        send_mail(
            subject=str(subject) % (subject_args or {}),
            message=render_to_string(template, context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )
    return True
