"""Run inside ``manage.py shell`` by the smoke test, after the load: the shop
index rebuilt under production settings (PostgreSQL), timed in its two parts.

Reading pages and building documents is the application's share (what grows with
400,000 shops on any cluster); the whole rebuild adds the engine's (here the
embedded one, far slower at ingesting than a real cluster). The timing itself is
``prod.rebuild_timing``'s, shared with ``bench/search.py``.
"""

import json

from prod.rebuild_timing import shop_rebuild_timed

times = shop_rebuild_timed()
print(
    json.dumps(
        {
            "documents": times.indexed,
            "pages_read_per_s": round(times.pages / times.read_s),
            "built_per_s": round(times.built / times.build_s),
            "read_and_built_per_s": round(times.built / (times.read_s + times.build_s)),
            "whole_rebuild_per_s": round(times.indexed / times.rebuild_s),
            "whole_rebuild_s": round(times.rebuild_s, 1),
        }
    )
)
