"""The order tasks as services see them: named, not imported.

Tasks (``orders.tasks``) are thin wrappers that call services; services
schedule tasks after commit. Importing each other would be a cycle, so services
reach a task by its name here, resolved when it is enqueued, the same dotted path
the tasks backend stores for it: ``tasks.shop_order_refund.enqueue(pk)``.
"""

from django.utils.module_loading import import_string

TASKS_MODULE = "orders.tasks"


class _TasksByName:
    def __getattr__(self, name: str):
        return import_string(f"{TASKS_MODULE}.{name}")


tasks = _TasksByName()
