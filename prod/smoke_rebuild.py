"""Run inside ``manage.py shell`` by the smoke test, after the load: the shop
index rebuilt under production settings (PostgreSQL), timed in its two parts.

Reading pages and building documents is the application's share (what grows with
400,000 shops on any cluster); the whole rebuild adds the engine's (here the
embedded one, far slower at ingesting than a real cluster). The same timing as
``bench/search.py``'s, which cannot be imported here: it points the process at its
own SQLite database when imported.
"""

import json
import time

from search.documents import _open_slots_from
from search.indexing import KINDS, index_rebuild

kind = KINDS["shops"]
started = time.perf_counter()
pages = list(kind.pages())
read_s = time.perf_counter() - started
_open_slots_from.cache_clear()  # cold, as the first rebuild of the night
started = time.perf_counter()
built = sum(1 for _ in kind.build(pages))
build_s = time.perf_counter() - started
started = time.perf_counter()
indexed = index_rebuild("shops")
rebuild_s = time.perf_counter() - started
print(
    json.dumps(
        {
            "documents": indexed,
            "pages_read_per_s": round(len(pages) / read_s),
            "built_per_s": round(built / build_s),
            "read_and_built_per_s": round(built / (read_s + build_s)),
            "whole_rebuild_per_s": round(indexed / rebuild_s),
            "whole_rebuild_s": round(rebuild_s, 1),
        }
    )
)
