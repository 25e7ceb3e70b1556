"""Template tags of the editorial pages: structured data and area notices."""

from django import template
from django.utils.translation import gettext as _

from cms.models import PointOfInterestPage
from cms.selectors import notices_for_shop
from shops.templatetags.shop_tags import (
    closures_specification,
    json_ld_script,
    opening_specification,
)

register = template.Library()

Kind = PointOfInterestPage.Kind
# schema.org's more precise type for each kind, beside TouristAttraction.
SCHEMA_TYPES = {
    Kind.MUSEUM: "Museum",
    Kind.MONUMENT: "LandmarksOrHistoricalBuildings",
    Kind.CHURCH: "Church",
    Kind.PARK: "Park",
    Kind.MARKET_HALL: "LandmarksOrHistoricalBuildings",
    Kind.LIBRARY: "Library",
    Kind.THEATRE: "PerformingArtsTheater",
    Kind.HISTORIC_SITE: "LandmarksOrHistoricalBuildings",
    Kind.BELFRY: "LandmarksOrHistoricalBuildings",
    Kind.WINDMILL: "LandmarksOrHistoricalBuildings",
    Kind.INDUSTRIAL_HERITAGE: "LandmarksOrHistoricalBuildings",
    Kind.CASTLE: "LandmarksOrHistoricalBuildings",
}


@register.simple_tag(takes_context=True)
def place_json_ld(context, place: PointOfInterestPage, commune_name: str) -> str:
    """schema.org TouristAttraction (and Museum, Church…), else a plain Place."""
    specific = SCHEMA_TYPES.get(place.kind)
    data = {
        "@context": "https://schema.org",
        "@type": ["TouristAttraction", specific] if specific else "TouristAttraction",
        "name": place.title,
        "description": place.summary,
        "url": place.full_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.street_address,
            "postalCode": place.postal_code,
            "addressLocality": commune_name,
            "addressCountry": "FR",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        },
        "isAccessibleForFree": place.is_free,
        "publicAccess": True,
        "openingHoursSpecification": opening_specification(place),
        "specialOpeningHoursSpecification": closures_specification(place),
    }
    if place.official_url:
        data["sameAs"] = place.official_url
    if place.wheelchair:
        data["amenityFeature"] = {
            "@type": "LocationFeatureSpecification",
            "name": "wheelchair",
            "value": place.wheelchair,
        }
    request = context.get("request")
    if place.image and request is not None:
        rendition = place.image.get_rendition("fill-1200x630")
        data["image"] = request.build_absolute_uri(rendition.url)
    return json_ld_script(data)


@register.simple_tag
def event_json_ld(event) -> str:
    """schema.org Event, so that search engines can list it with its dates."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.starts_at.isoformat(),
        "endDate": event.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": event.full_url,
        "location": {
            "@type": "Place",
            "name": event.location_name or event.commune.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.street_address,
                "addressLocality": event.commune.name,
                "addressCountry": "FR",
            },
        },
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": event.commune.name,
            "url": event.commune.website,
        },
    }
    if event.latitude is not None:
        data["location"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": event.latitude,
            "longitude": event.longitude,
        }
    return json_ld_script(data)


@register.simple_tag
def shop_notices(shop):
    """The area notices (markets, works, braderies) that concern ``shop`` now."""
    return notices_for_shop(shop)


@register.filter
def duration(minutes: int) -> str:
    """``105`` → ``1 h 45``; under an hour, ``45 min``."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    return _("%(hours)d h %(minutes)02d") % {"hours": hours, "minutes": rest}
