"""Small maps without tiles or JavaScript: commune outlines and dots, in SVG.

They work offline and for everyone; the OpenStreetMap links next to them give the
full map and directions. One renderer draws them all: a shop or a place on its
commune, a commune's shops and places, a trail's numbered stops and its line.
"""

from dataclasses import dataclass
from math import cos, radians

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

WIDTH = 300
MARGIN = 5
# The smallest area a map shows (degrees), so two close stops are not a zoom on a dot.
MIN_SPAN = 0.01


@dataclass(frozen=True)
class Marker:
    latitude: float
    longitude: float
    css_class: str = "place-map__dot"
    radius: int = 7
    title: str = ""
    number: int | None = None


def _polygons(outline: dict) -> list:
    return (
        outline["coordinates"]
        if outline["type"] == "MultiPolygon"
        else [outline["coordinates"]]
    )


def _padded(low: float, high: float) -> tuple[float, float]:
    if high - low >= MIN_SPAN:
        margin = (high - low) * 0.08
        return low - margin, high + margin
    middle = (low + high) / 2
    return middle - MIN_SPAN / 2, middle + MIN_SPAN / 2


def svg_map(
    *,
    bounds: tuple[float, float, float, float],
    outlines: list[dict],
    markers: list[Marker],
    label: str,
    line: list[tuple[float, float]] = (),
    dots: list[tuple[float, float]] = (),
    css_class: str = "place-map",
) -> str:
    """``bounds`` is (min_lat, min_lon, max_lat, max_lon); north is up.

    ``dots`` (latitude, longitude) are drawn as one path of small squares: a
    commune's hundreds of shops cost a few bytes each instead of an element each
    (the page's list of shops is their accessible equivalent).
    """
    min_lat, min_lon, max_lat, max_lon = bounds
    squash = cos(radians((min_lat + max_lat) / 2))  # longitude degrees shrink
    span_x = (max_lon - min_lon) * squash
    span_y = max_lat - min_lat
    scale = WIDTH / max(span_x, span_y)
    width = round(span_x * scale) + 2 * MARGIN
    height = round(span_y * scale) + 2 * MARGIN

    def xy(lon: float, lat: float) -> tuple[str, str]:
        x = (lon - min_lon) * squash * scale + MARGIN
        y = (max_lat - lat) * scale + MARGIN
        return f"{x:.1f}", f"{y:.1f}"

    rings = [
        ring
        for outline in outlines
        for polygon in _polygons(outline)
        for ring in polygon
    ]
    shapes = format_html_join(
        "",
        '<polygon points="{}"/>',
        ((" ".join(",".join(xy(*point)) for point in ring),) for ring in rings),
    )
    path = ""
    if len(line) > 1:
        path = format_html(
            '<polyline class="place-map__route" points="{}"/>',
            " ".join(",".join(xy(lon, lat)) for lat, lon in line),
        )
    markers_html = format_html_join(
        "",
        '<g class="{}"><circle cx="{}" cy="{}" r="{}"/>{}{}</g>',
        (
            (
                marker.css_class,
                x,
                y,
                marker.radius,
                format_html('<text x="{}" y="{}">{}</text>', x, y, marker.number)
                if marker.number is not None
                else "",
                format_html("<title>{}</title>", marker.title) if marker.title else "",
            )
            for marker, (x, y) in zip(markers, _spread(markers, xy), strict=True)
        ),
    )
    small_dots = ""
    if dots:
        small_dots = format_html(
            '<path class="place-map__shops" d="{}"/>',
            "".join(
                f"M{float(x) - 2:.0f} {float(y) - 2:.0f}h4v4h-4z"
                for x, y in (xy(lon, lat) for lat, lon in dots)
            ),
        )
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<g class="place-map__commune">{}</g>{}{}{}</svg>',
        css_class,
        width,
        height,
        label,
        shapes,
        path,
        small_dots,
        markers_html,
    )


def _spread(markers: list[Marker], xy) -> list[tuple[str, str]]:
    """Screen positions; a numbered marker that would cover another moves aside.

    Two stops a few metres apart (a shop facing a monument) would otherwise hide
    one number under the other; the route line still goes to the true point.
    """
    placed: list[tuple[float, float, int]] = []
    positions = []
    for marker in markers:
        x, y = (float(value) for value in xy(marker.longitude, marker.latitude))
        if marker.number is not None:
            for _ in range(8):
                if all(
                    (x - px) ** 2 + (y - py) ** 2 >= (1.8 * max(r, marker.radius)) ** 2
                    for px, py, r in placed
                ):
                    break
                x, y = x + marker.radius * 1.3, y - marker.radius * 0.9
        placed.append((x, y, marker.radius))
        positions.append((f"{x:.1f}", f"{y:.1f}"))
    return positions


def _commune_bounds(commune) -> tuple[float, float, float, float]:
    return (
        commune.min_latitude,
        commune.min_longitude,
        commune.max_latitude,
        commune.max_longitude,
    )


@register.simple_tag
def place_map(place, commune, label: str):
    """SVG of the commune outline with ``place`` marked; ``label`` names the picture."""
    if not commune.outline:
        return ""
    return svg_map(
        bounds=_commune_bounds(commune),
        outlines=[commune.outline],
        markers=[Marker(place.latitude, place.longitude)],
        label=label,
    )


@register.simple_tag
def commune_map(commune, shops, places, label: str):
    """The commune with a small dot per shop and a larger one per place."""
    if not commune.outline:
        return ""
    markers = [
        Marker(p.latitude, p.longitude, "place-map__place", 6, p.title) for p in places
    ]
    return svg_map(
        bounds=_commune_bounds(commune),
        outlines=[commune.outline],
        markers=markers,
        dots=[(shop.latitude, shop.longitude) for shop in shops],
        label=label,
        css_class="place-map place-map--commune",
    )


@register.simple_tag
def route_map(stops, communes, label: str):
    """Numbered stops joined in order, over the outlines of the communes crossed.

    ``stops`` are (number, latitude, longitude, title) in walking order.
    """
    if not stops:
        return ""
    min_lat, max_lat = _padded(min(s[1] for s in stops), max(s[1] for s in stops))
    min_lon, max_lon = _padded(min(s[2] for s in stops), max(s[2] for s in stops))
    return svg_map(
        bounds=(min_lat, min_lon, max_lat, max_lon),
        outlines=[commune.outline for commune in communes if commune.outline],
        markers=[
            Marker(lat, lon, "place-map__stop", 9, title, number)
            for number, lat, lon, title in stops
        ],
        line=[(lat, lon) for _number, lat, lon, _title in stops],
        label=label,
        css_class="place-map place-map--route",
    )
