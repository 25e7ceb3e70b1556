"""Order tasks off the request path: run twice, they act once; failing, they retry.

The immediate backend (the tests' default) runs each task inside the test; the
production path is exercised too: the database backend queues the task and
``db_worker`` runs it, as in ``make prod``.
"""

from datetime import timedelta

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

import pytest
import time_machine
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ops.models import SentEmail
from ops.retry import ATTEMPT_KWARG, DEFAULT_ATTEMPTS
from ops.selectors import tasks_given_up
from orders import tasks
from orders.models import Order
from tests.orders.conftest import (
    NOW,
    add,
    calls_to,
    checkout_data,
    paid_then_refused,
)

pytestmark = pytest.mark.django_db


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server down")


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The production backend. The worker closes its database connection between
    tasks (as Django does between requests), which on PostgreSQL would end the
    test's transaction: here it keeps it."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


def notify_results():
    return DBTaskResult.objects.filter(task_path__endswith="shop_order_placed_notify")


def worker_run():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v0")


def pickup_order(client, baker, django_capture_on_commit_callbacks) -> Order:
    add(client, baker, "Pain au levain", 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/basket/checkout/", checkout_data(client, [baker]))
    assert response.status_code == 302
    return Order.objects.get()


def test_placed_emails_go_once_when_the_task_runs_twice(
    client, baker, django_capture_on_commit_callbacks
):
    order = pickup_order(client, baker, django_capture_on_commit_callbacks)
    shop_order = order.shop_orders.get()
    assert len(mail.outbox) == 2

    tasks.shop_order_placed_notify.call(shop_order.pk)
    tasks.shop_order_status_notify.call(shop_order.pk, "placed")

    assert len(mail.outbox) == 2
    assert SentEmail.objects.count() == 2


def test_refund_and_transfer_happen_once_when_their_tasks_run_twice(
    online_order,
    fake_stripe,
    client,
    cheesemonger,
    merchant_of,
    django_capture_on_commit_callbacks,
):
    cheese = paid_then_refused(
        client,
        online_order,
        cheesemonger,
        merchant_of,
        django_capture_on_commit_callbacks,
    )
    emails = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.order_transfers_create.call(online_order.pk)
        tasks.shop_order_refund.call(cheese.pk)
        tasks.shop_order_status_notify.call(cheese.pk, "refunded")

    assert len(calls_to(fake_stripe, "/v1/transfers")) == 2  # transfer + reversal
    assert len(calls_to(fake_stripe, "/v1/refunds")) == 1
    assert len(mail.outbox) == emails


def test_checkout_queues_the_emails_without_sending_them(
    database_tasks, client, baker, django_capture_on_commit_callbacks
):
    pickup_order(client, baker, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert notify_results().ready().count() == 1

    worker_run()

    assert len(mail.outbox) == 2
    assert notify_results().get().status == TaskResultStatus.SUCCESSFUL


def test_a_failing_task_is_retried_later_and_then_sends_once(
    database_tasks, client, baker, django_capture_on_commit_callbacks
):
    pickup_order(client, baker, django_capture_on_commit_callbacks)
    database_tasks.EMAIL_BACKEND = f"{__name__}.MailServerDown"

    worker_run()

    failed = notify_results().get(status=TaskResultStatus.FAILED)
    retry = notify_results().get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"] == {ATTEMPT_KWARG: 2}
    assert retry.run_after > failed.finished_at
    assert SentEmail.objects.count() == 0
    worker_run()  # too early: the retry waits for its time
    assert notify_results().filter(status=TaskResultStatus.READY).count() == 1

    database_tasks.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW + timedelta(seconds=31), tick=False):
        worker_run()
        worker_run()

    assert len(mail.outbox) == 2
    assert SentEmail.objects.count() == 2
    assert tasks_given_up(since=NOW - timedelta(hours=1)) == []


def test_a_task_that_keeps_failing_gives_up_and_is_reported(
    database_tasks, client, baker, django_capture_on_commit_callbacks
):
    pickup_order(client, baker, django_capture_on_commit_callbacks)
    database_tasks.EMAIL_BACKEND = f"{__name__}.MailServerDown"

    for hour in range(DEFAULT_ATTEMPTS + 1):
        with time_machine.travel(NOW + timedelta(hours=hour), tick=False):
            worker_run()

    failed = notify_results().filter(status=TaskResultStatus.FAILED)
    assert failed.count() == DEFAULT_ATTEMPTS
    assert not notify_results().filter(status=TaskResultStatus.READY).exists()
    (given_up,) = tasks_given_up(since=NOW - timedelta(hours=1))
    assert given_up.attempt == DEFAULT_ATTEMPTS
    assert "SMTP server down" in given_up.error
    with pytest.raises(CommandError, match="1 task"):
        call_command("tasks_report", "--check")
