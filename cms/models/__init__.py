from cms.models.events import EventPage
from cms.models.markets import Weekday, WeeklyMarket
from cms.models.pages import (
    CommuneHighlight,
    CommunePage,
    CommunesIndexPage,
    HomePage,
)
from cms.models.points_of_interest import (
    PlaceClosure,
    PlacePhoto,
    PointOfInterestPage,
)
from cms.models.trails import TrailPage, TrailsIndexPage, TrailStop
from territory.communes import Commune

__all__ = [
    "Commune",
    "CommuneHighlight",
    "CommunePage",
    "CommunesIndexPage",
    "EventPage",
    "HomePage",
    "PlaceClosure",
    "PlacePhoto",
    "PointOfInterestPage",
    "TrailPage",
    "TrailStop",
    "TrailsIndexPage",
    "Weekday",
    "WeeklyMarket",
]
