"""``/healthz``: what a load balancer or an operator asks before sending traffic."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search.engine import engine_is_up
from search.models import PendingIndexUpdate


def _database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _pending_index_updates() -> int | None:
    try:
        return PendingIndexUpdate.objects.count()
    except DatabaseError:
        return None


@never_cache
@require_GET
def healthz(request):
    """200 when the database and search engine answer, else 503 naming the culprit."""
    checks = {"database": _database_is_up(), "search": engine_is_up()}
    down = sorted(name for name, up in checks.items() if not up)
    body = {
        "status": "ok" if not down else "unavailable",
        "checks": {name: "up" if up else "down" for name, up in checks.items()},
        "down": down,
        "pending_index_updates": _pending_index_updates(),
    }
    return JsonResponse(body, status=503 if down else 200)
