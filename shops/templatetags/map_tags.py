"""A small map without tiles or JavaScript: the commune's outline and a dot, in SVG.

It works offline and for everyone; the OpenStreetMap link next to it gives the
full map and directions.
"""

from math import cos, radians

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

WIDTH = 300


def _polygons(outline: dict) -> list:
    return (
        outline["coordinates"]
        if outline["type"] == "MultiPolygon"
        else [outline["coordinates"]]
    )


@register.simple_tag
def place_map(place, commune, label: str):
    """SVG of the commune outline with ``place`` marked; ``label`` names the picture."""
    if not commune.outline:
        return ""
    squash = cos(radians(commune.latitude))  # metres per degree of longitude shrink
    min_lat, min_lon = commune.min_latitude, commune.min_longitude
    span_x = (commune.max_longitude - min_lon) * squash
    span_y = commune.max_latitude - min_lat
    scale = WIDTH / max(span_x, span_y)
    height = round(span_y * scale) + 10

    def point(lon: float, lat: float) -> str:
        x = (lon - min_lon) * squash * scale + 5
        y = (commune.max_latitude - lat) * scale + 5
        return f"{x:.1f},{y:.1f}"

    rings = [ring for polygon in _polygons(commune.outline) for ring in polygon]
    shapes = format_html_join(
        "",
        '<polygon points="{}"/>',
        ((" ".join(point(*xy) for xy in ring),) for ring in rings),
    )
    x, y = point(place.longitude, place.latitude).split(",")
    return format_html(
        '<svg class="place-map" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<g class="place-map__commune">{}</g>'
        '<circle class="place-map__dot" cx="{}" cy="{}" r="7"/></svg>',
        WIDTH + 10,
        height,
        label,
        shapes,
        x,
        y,
    )
