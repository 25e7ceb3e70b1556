"""The shop index rebuilt and timed in its two parts, for the benchmarks.

Reading pages and building documents is the application's share (what grows with
400,000 shops on any cluster); the whole rebuild adds the engine's. Shared by
``bench/search.py`` (embedded engine, SQLite) and the smoke test's
``prod/smoke_rebuild.py`` (production settings, PostgreSQL). Import it once Django
is set up.
"""

import time
from dataclasses import dataclass

from search.documents import _open_slots_from
from search.indexing import KINDS, index_rebuild


@dataclass(frozen=True)
class RebuildTimes:
    pages: int
    built: int
    indexed: int
    read_s: float
    build_s: float
    rebuild_s: float


def shop_rebuild_timed() -> RebuildTimes:
    kind = KINDS["shops"]
    started = time.perf_counter()
    pages = list(kind.pages())
    read_s = time.perf_counter() - started
    # Cold: the first rebuild of the night computes each distinct hours string once.
    _open_slots_from.cache_clear()
    started = time.perf_counter()
    built = sum(1 for _ in kind.build(pages))
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    indexed = index_rebuild("shops")
    return RebuildTimes(
        pages=len(pages),
        built=built,
        indexed=indexed,
        read_s=read_s,
        build_s=build_s,
        rebuild_s=time.perf_counter() - started,
    )
