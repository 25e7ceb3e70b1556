"""Side effects that must happen once, however often the task that asks runs."""

from collections.abc import Callable

from django.db import IntegrityError, transaction

from ops.models import SentEmail


def email_send_once(*, key: str, recipient: str, send: Callable[[], object]) -> bool:
    """Call ``send`` unless an email with this key was sent; True when it was now.

    The key's row is written in the same transaction as the send: a failing send
    rolls it back (the retry sends), and a second run at the same moment waits on
    the unique key, then finds it taken. A crash between the mail server's answer
    and the commit sends again on retry: at least once, never silently lost.
    """
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key, recipient=recipient)
            send()
    except IntegrityError:
        return False
    return True
