"""Locks that keep a singleton single: one scheduler, one run of each job.

On PostgreSQL, a session advisory lock: it is shared by every machine using the
database and released by the server when the holder's connection ends, so a
killed process never leaves a stale lock. Elsewhere (SQLite, one machine), an
``flock`` on a file, which the kernel releases with the process.
"""

import fcntl
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection


def _advisory_key(name: str) -> int:
    return zlib.crc32(f"vitrine:{name}".encode()) - 2**31


@contextmanager
def singleton_lock(name: str) -> Iterator[bool]:
    """Yield True when this process holds the lock named ``name``, else False."""
    if connection.vendor == "postgresql":
        key = _advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    folder = Path(settings.OPS_LOCK_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def lock_still_held(name: str) -> bool:
    """The scheduler's heartbeat: False when its database session was lost."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            "AND pid = pg_backend_pid() AND objid = %s",
            [_advisory_key(name) & 0xFFFFFFFF],
        )
        return cursor.fetchone()[0] > 0
