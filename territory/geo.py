"""Small geometry on WGS84 points: "is this point in that commune", and bounds.

The outlines are simplified GeoJSON polygons of a few dozen points each, so plain
ray casting is exact enough and avoids a GIS stack (GEOS, PostGIS) on every machine.
"""

from math import asin, cos, radians, sin, sqrt


def _ring_contains(ring: list[list[float]], lon: float, lat: float) -> bool:
    inside = False
    previous = ring[-1]
    for current in ring:
        (x1, y1), (x2, y2) = previous, current
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
        previous = current
    return inside


def outline_contains(outline: dict, lat: float, lon: float) -> bool:
    """True if the GeoJSON (Multi)Polygon ``outline`` holds the point (holes count)."""
    polygons = (
        outline["coordinates"]
        if outline["type"] == "MultiPolygon"
        else [outline["coordinates"]]
    )
    for exterior, *holes in polygons:
        if _ring_contains(exterior, lon, lat) and not any(
            _ring_contains(h, lon, lat) for h in holes
        ):
            return True
    return False


def outline_bounds(outline: dict) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) of a GeoJSON (Multi)Polygon."""
    polygons = (
        outline["coordinates"]
        if outline["type"] == "MultiPolygon"
        else [outline["coordinates"]]
    )
    lons = [point[0] for polygon in polygons for ring in polygon for point in ring]
    lats = [point[1] for polygon in polygons for ring in polygon for point in ring]
    return min(lats), min(lons), max(lats), max(lons)


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    phi1, phi2 = radians(lat1), radians(lat2)
    d_phi, d_lambda = phi2 - phi1, radians(lon2 - lon1)
    a = sin(d_phi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(a))
