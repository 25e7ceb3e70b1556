"""Open data: the public API, the GeoJSON/CSV exports, imports, and claiming.

A small app of its own inside ``shops`` (label ``opendata``) for its models: API
keys and their daily usage, and claims of imported listings. The listing fields it
relies on (``osm_id``, ``source``, ``is_claimed``) are on ``ShopPage``.
"""
