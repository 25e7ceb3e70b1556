"""The one doorbell: a shop's page published may carry a new exceptional closure.

The task after the commit decides whether anything is new (``ClosureAlert`` rows);
publishing never waits for emails.
"""

from django.db import transaction

from wagtail.signals import page_published


def _shop_published(sender, instance, **kwargs):
    from residents import tasks

    shop_id = instance.pk
    transaction.on_commit(lambda: tasks.closure_alerts_send.enqueue(shop_id))


def connect() -> None:
    from shops.models import ShopPage

    page_published.connect(
        _shop_published, sender=ShopPage, dispatch_uid="residents_closure_alerts"
    )
