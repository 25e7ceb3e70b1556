"""Emails to merchants and residents, written in the language chosen for them.

The subject is given lazily (``gettext_lazy``) so that it is translated inside the
language override, together with the body, whatever language the request had.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import override

from ops.once import email_send_once


def mail_send(
    *,
    to: str,
    subject,
    template: str,
    context: dict,
    subject_args: dict | None = None,
    language: str | None = None,
    once_key: str = "",
) -> bool:
    """Send one plain-text email; False (nothing sent) when there is no address.

    With ``once_key``, an email already sent under that key is not sent again
    (False): background tasks that send mail can then run twice.
    """
    if not to:
        return False

    def send() -> None:
        with override(language or settings.LANGUAGE_CODE):
            send_mail(
                subject=str(subject) % (subject_args or {}),
                message=render_to_string(template, context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[to],
            )

    if once_key:
        return email_send_once(key=once_key, recipient=to, send=send)
    send()
    return True
