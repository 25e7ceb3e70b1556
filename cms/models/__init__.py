from cms.models.communes import Commune
from cms.models.pages import (
    CommunePage,
    CommunesIndexPage,
    HomePage,
    PointOfInterestPage,
)

__all__ = [
    "Commune",
    "CommunePage",
    "CommunesIndexPage",
    "HomePage",
    "PointOfInterestPage",
]
