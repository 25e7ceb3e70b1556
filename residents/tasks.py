"""Background work for residents' alerts: ids in, safe to run twice."""

from django_tasks import task

from residents import alerts


@task()
def closure_alerts_send(shop_id: int) -> None:
    alerts.closure_alerts_send(shop_id=shop_id)
