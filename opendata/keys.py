"""API keys: issuing, revoking, recognising a key, counting its requests per day.

A key is 32 random bytes in URL-safe base64 with a short readable prefix
(``vt_`` and eight characters) that is stored in clear to tell keys apart; only the
SHA-256 of the whole key is stored, so a leaked database reveals no usable key.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from opendata.models import ApiKey, ApiKeyUsage

KEY_PREFIX = "vt_"


def _hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    raw_key: str  # shown once to the administrator, never stored


def api_key_issue(
    *, name: str, contact_email: str, daily_quota: int = 50_000, by=None
) -> IssuedKey:
    body = secrets.token_urlsafe(32)
    raw_key = f"{KEY_PREFIX}{body}"
    key = ApiKey(
        name=name.strip(),
        contact_email=contact_email,
        daily_quota=daily_quota,
        prefix=raw_key[: len(KEY_PREFIX) + 8],
        key_hash=_hash(raw_key),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    key.full_clean()
    key.save()
    return IssuedKey(key=key, raw_key=raw_key)


def api_key_revoke(*, key: ApiKey) -> ApiKey:
    """From now on the key is refused (401); revoking twice keeps the first date."""
    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    key.refresh_from_db()
    return key


def api_key_find(raw_key: str) -> ApiKey | None:
    """The active key behind ``raw_key``, or None if it is unknown or revoked."""
    if not raw_key.startswith(KEY_PREFIX) or len(raw_key) > 100:
        return None
    return ApiKey.objects.filter(
        key_hash=_hash(raw_key), revoked_at__isnull=True
    ).first()


def api_key_record_use(*, key: ApiKey) -> int:
    """Count one request for today (Europe/Paris); returns today's count so far."""
    today = timezone.localdate()
    rows = ApiKeyUsage.objects.filter(key=key, day=today)
    if not rows.update(requests=F("requests") + 1):
        try:
            with transaction.atomic():
                ApiKeyUsage.objects.create(key=key, day=today, requests=1)
        except IntegrityError:  # another request created today's row first
            rows.update(requests=F("requests") + 1)
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return rows.values_list("requests", flat=True).first() or 0


def seconds_until_tomorrow() -> int:
    """Daily quotas start again at midnight, Europe/Paris."""
    now = timezone.localtime()
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(), now.tzinfo)
    return max(1, int((tomorrow - now).total_seconds()))


def api_key_usage_summary(*, days: int = 7) -> list[dict]:
    """Each key with its requests today and over the last ``days`` days."""
    today = timezone.localdate()
    since = today - timedelta(days=days - 1)
    rows = []
    for key in ApiKey.objects.all():
        usage = key.usage.filter(day__gte=since)
        rows.append(
            {
                "key": key,
                "today": usage.filter(day=today)
                .values_list("requests", flat=True)
                .first()
                or 0,
                "period": usage.aggregate(total=Sum("requests"))["total"] or 0,
            }
        )
    return rows
