"""Points of interest hang under their commune's page and carry no commune column:
one query maps every commune page's tree path to its commune, for lists and exports.
"""

from cms.models import Commune, CommunePage, PointOfInterestPage


def communes_by_page_path() -> dict[str, Commune]:
    pages = CommunePage.objects.select_related("commune").only("path", "commune")
    return {page.path: page.commune for page in pages}


def place_commune(place: PointOfInterestPage, communes: dict[str, Commune]):
    return communes.get(place.path[: -PointOfInterestPage.steplen])
