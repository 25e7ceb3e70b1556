"""Demo curation for Lille and Roubaix: markets, highlights, events and two trails.

Run by ``manage.py load_demo`` after the shops and places exist. Like the rest of
the demo it only creates what is missing (by slug), so a second run changes
nothing and pages edited by hand keep their edits.

The markets, events and places are real, but their details are illustrative:
market days and hours as commonly published, event dates computed from their
usual rule (the Braderie de Lille is on the first weekend of September), and
the road works invented so that a notice shows on the shops near Lille's town
hall. The famous places the trails visit are moved to their approximate real
position (the general demo puts them near their town hall).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction

from cms.models import (
    Commune,
    CommuneHighlight,
    CommunePage,
    EventPage,
    PointOfInterestPage,
    TrailPage,
    TrailsIndexPage,
    TrailStop,
    Weekday,
    WeeklyMarket,
)
from shops.models import Offer, ShopPage
from territory.hours import PARIS
from web.commands import LoadSummary

LILLE, ROUBAIX, CROIX = "59350", "59512", "59163"
# A walker's pause: food, books and crafts rather than a garage.
TRAIL_SHOP_FAMILIES = ("food", "culture_leisure", "crafts")
OFFERS = (
    ("food", "Galette des rois", "Frangipane ou pomme, à commander la veille."),
    ("culture_leisure", "Un livre offert", "Pour deux livres achetés, le troisième."),
    ("fashion", "Retouches à moitié prix", "Sur présentation de votre ticket."),
)

# Approximate real positions (WGS84) and addresses of the places the trails visit.
REAL_POSITIONS = {
    "Palais Rihour": (50.6365, 3.0620, "Place Rihour"),
    "Vieille Bourse": (50.6373, 3.0640, "Place du Général-de-Gaulle"),
    "Opéra de Lille": (50.6380, 3.0660, "Place du Théâtre"),
    "Cathédrale Notre-Dame-de-la-Treille": (50.6401, 3.0620, "Place Gilleson"),
    "Hospice Comtesse": (50.6413, 3.0618, "32 rue de la Monnaie"),
    "Maison natale Charles de Gaulle": (50.6424, 3.0608, "9 rue Princesse"),
    "Citadelle de Lille": (50.6402, 3.0445, "Avenue du 43e Régiment d'Infanterie"),
    "Hôtel de ville de Roubaix": (50.6908, 3.1745, "Grand-Place"),
    "La Piscine, musée d'art et d'industrie André-Diligent": (
        50.6932,
        3.1683,
        "23 rue de l'Espérance",
    ),
    "La Condition publique": (50.6843, 3.1775, "14 place Faidherbe"),
    "Parc Barbieux": (50.6830, 3.1640, "Avenue Le Nôtre"),
    "Villa Cavrois": (50.6775, 3.1540, "60 avenue du Président-John-F.-Kennedy"),
}

MARKETS = {
    LILLE: [
        (Weekday.TUESDAY, "07:00", "14:00", "Place de la Nouvelle Aventure (Wazemmes)"),
        (
            Weekday.THURSDAY,
            "07:00",
            "14:00",
            "Place de la Nouvelle Aventure (Wazemmes)",
        ),
        (Weekday.SUNDAY, "07:00", "14:30", "Place de la Nouvelle Aventure (Wazemmes)"),
        (Weekday.WEDNESDAY, "07:00", "14:00", "Place du Concert (Vieux-Lille)"),
        (Weekday.SATURDAY, "07:00", "14:00", "Place Sébastopol"),
    ],
    ROUBAIX: [
        (Weekday.WEDNESDAY, "07:00", "13:00", "Place de la Liberté (centre)"),
        (Weekday.SATURDAY, "07:00", "13:00", "Place de l'Épeule"),
    ],
}

PRACTICAL_INFO = {
    LILLE: (
        "<p>Métro lignes 1 et 2, tramway et V'Lille. Office de tourisme : "
        "Palais Rihour, place Rihour.</p><p>Le Vieux-Lille se visite à pied ; "
        "parkings en ouvrage Grand-Place, Nouveau Siècle et Euralille.</p>"
    ),
    ROUBAIX: (
        "<p>Métro ligne 2 (Roubaix Grand-Place, Eurotéléport) et tramway depuis "
        "Lille. Office de tourisme : place de la Liberté.</p>"
    ),
}

INTROS = {
    LILLE: (
        "<p>Capitale des Flandres, Lille mêle façades flamandes, grandes places "
        "et quartiers commerçants : le Vieux-Lille, Wazemmes et son marché, "
        "Vauban et la Citadelle.</p>"
    ),
    ROUBAIX: (
        "<p>Ville du textile, Roubaix a gardé de son passé industriel des usines "
        "devenues musées, magasins d'usine et lieux de création.</p>"
    ),
}


@dataclass(frozen=True)
class TrailSpec:
    commune_insee: str | None  # None: a trail of the metropolis
    slug: str
    title: str
    summary: str
    body: str
    stops: tuple[tuple[str, str], ...]  # (place title or "shop", note)


TRAILS = (
    TrailSpec(
        commune_insee=LILLE,
        slug="vieux-lille-grand-place-citadelle",
        title="Du Vieux-Lille à la Citadelle",
        summary=(
            "Des façades flamandes de la Grand-Place aux remparts de Vauban, "
            "avec une pause chez les commerçants du quartier."
        ),
        body=(
            "<p>Une promenade d'une demi-journée dans le Vieux-Lille : palais "
            "gothique, bourse baroque, cathédrale, hospice médiéval et maison "
            "natale du général de Gaulle, jusqu'à la Citadelle.</p>"
        ),
        stops=(
            ("Palais Rihour", "Départ devant l'office de tourisme."),
            ("Vieille Bourse", "Bouquinistes dans la cour, l'après-midi."),
            ("Opéra de Lille", "Façade et allégories de la place du Théâtre."),
            ("shop", "Une pause chez un commerçant du quartier."),
            ("Cathédrale Notre-Dame-de-la-Treille", "Façade contemporaine de 1999."),
            ("Hospice Comtesse", "Salle des malades et cuisine flamande."),
            ("Maison natale Charles de Gaulle", ""),
            ("Citadelle de Lille", "Le tour des remparts par le bois de Boulogne."),
        ),
    ),
    TrailSpec(
        commune_insee=None,
        slug="roubaix-croix-textile-et-modernisme",
        title="Roubaix et Croix : du textile au modernisme",
        summary=(
            "De l'hôtel de ville de Roubaix à la Villa Cavrois à Croix, le "
            "patrimoine industriel et ses commerces."
        ),
        body=(
            "<p>Un parcours à travers deux communes : l'hôtel de ville de "
            "Victor Laloux, la piscine Art déco devenue musée, les laines de la "
            "Condition publique, le parc Barbieux et la villa de Mallet-Stevens.</p>"
        ),
        stops=(
            ("Hôtel de ville de Roubaix", "Sur la Grand-Place."),
            ("La Piscine, musée d'art et d'industrie André-Diligent", ""),
            ("shop", "Une halte chez un commerçant roubaisien."),
            ("La Condition publique", "Rue couverte et expositions."),
            ("Parc Barbieux", "Le « beau jardin » de Roubaix."),
            ("Villa Cavrois", "À Croix : réservation conseillée."),
        ),
    ),
)


def _at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=PARIS)


def _first_weekday(year: int, month: int, weekday: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def _next_yearly(today: date, rule) -> date:
    """The next date of a yearly event given ``rule(year)``, this year or next."""
    this_year = rule(today.year)
    return this_year if this_year >= today else rule(today.year + 1)


def _events(today: date, pages: dict[str, CommunePage]) -> list[tuple[str, dict]]:
    braderie = _next_yearly(today, lambda y: _first_weekday(y, 9, 5))
    christmas_end = _next_yearly(today, lambda y: date(y, 12, 30))
    christmas_start = date(christmas_end.year, 11, 20)
    braderie_art = _next_yearly(today, lambda y: _first_weekday(y, 12, 5))
    works_start = today - timedelta(days=today.weekday())  # this week's Monday
    lille = pages[LILLE].commune
    return [
        (
            LILLE,
            {
                "slug": f"braderie-de-lille-{braderie.year}",
                "title": f"Braderie de Lille {braderie.year}",
                "kind": EventPage.Kind.BRADERIE,
                "starts_at": _at(braderie, "08:00"),
                "ends_at": _at(braderie + timedelta(days=1), "23:00"),
                "summary": "La plus grande braderie d'Europe, sur 100 km de trottoirs.",
                "location_name": "Centre-ville",
                "latitude": 50.6366,
                "longitude": 3.0635,
                "area": EventPage.Area.COMMUNE,
                "notice": (
                    "Braderie : centre-ville fermé à la circulation du samedi "
                    "8 h au dimanche 23 h ; la plupart des commerces restent ouverts."
                ),
                "official_url": "https://www.lille.fr",
            },
        ),
        (
            LILLE,
            {
                "slug": f"village-de-noel-{christmas_end.year}",
                "title": f"Village de Noël {christmas_end.year}",
                "kind": EventPage.Kind.MARKET,
                "starts_at": _at(christmas_start, "10:00"),
                "ends_at": _at(christmas_end, "20:00"),
                "summary": "Chalets d'artisans et grande roue, place Rihour.",
                "location_name": "Place Rihour",
                "latitude": 50.6365,
                "longitude": 3.0620,
                "area": EventPage.Area.PLACE,
            },
        ),
        (
            LILLE,
            {
                "slug": f"travaux-place-roger-salengro-{works_start.isoformat()}",
                "title": "Travaux de voirie autour de l'hôtel de ville (démonstration)",
                "kind": EventPage.Kind.ROAD_WORKS,
                "starts_at": _at(works_start, "07:00"),
                "ends_at": _at(works_start + timedelta(days=25), "18:00"),
                "summary": "Réfection des trottoirs ; accès piétons maintenu.",
                "location_name": "Place Roger-Salengro",
                "latitude": lille.latitude,
                "longitude": lille.longitude,
                "area": EventPage.Area.RADIUS,
                "radius_m": 400,
                "notice": (
                    "Travaux de voirie à proximité : stationnement interdit de "
                    "7 h à 18 h en semaine, accès piétons maintenu."
                ),
            },
        ),
        (
            ROUBAIX,
            {
                "slug": f"braderie-de-l-art-{braderie_art.year}",
                "title": f"Braderie de l'Art {braderie_art.year}",
                "kind": EventPage.Kind.FESTIVAL,
                "starts_at": _at(braderie_art, "10:00"),
                "ends_at": _at(braderie_art + timedelta(days=1), "19:00"),
                "summary": "Artistes et recycleurs vendent leurs créations.",
                "location_name": "La Condition publique",
                "latitude": 50.6843,
                "longitude": 3.1775,
                "area": EventPage.Area.PLACE,
            },
        ),
    ]


def _place(title: str) -> PointOfInterestPage | None:
    return PointOfInterestPage.objects.filter(title=title).first()


def _move_to_real_position(place: PointOfInterestPage) -> None:
    latitude, longitude, address = REAL_POSITIONS[place.title]
    if (place.latitude, place.longitude) != (latitude, longitude):
        PointOfInterestPage.objects.filter(pk=place.pk).update(
            latitude=latitude, longitude=longitude, street_address=address
        )
        place.latitude, place.longitude = latitude, longitude


def _nearest_shop(place: PointOfInterestPage, commune: Commune) -> ShopPage | None:
    from territory.geo import haversine_km

    shops = (
        ShopPage.objects.live()
        .filter(commune=commune, category__family__in=TRAIL_SHOP_FAMILIES)
        .order_by("pk")
    )
    return min(
        shops,
        key=lambda s: haversine_km(
            place.latitude, place.longitude, s.latitude, s.longitude
        ),
        default=None,
    )


def _trail(spec: TrailSpec, parent, commune: Commune) -> TrailPage | None:
    stops: list[TrailStop] = []
    previous = None
    for title, note in spec.stops:
        if title == "shop":
            page = _nearest_shop(previous, commune) if previous else None
        else:
            page = _place(title)
            if page is not None:
                _move_to_real_position(page)
        if page is None:
            continue
        stops.append(TrailStop(page=page, note=note, sort_order=len(stops)))
        previous = page if isinstance(page, PointOfInterestPage) else previous
    if len(stops) < 2:
        return None
    trail = TrailPage(
        title=spec.title, slug=spec.slug, summary=spec.summary, body=spec.body
    )
    for stop in stops:
        trail.stops.add(stop)
    parent.add_child(instance=trail)
    return trail


def _commune_page_fill(page: CommunePage, insee: str) -> None:
    """Intro, practical information, markets and highlights, if still empty."""
    changed = False
    if not page.intro:
        page.intro, changed = INTROS[insee], True
    if not page.practical_info:
        page.practical_info, changed = PRACTICAL_INFO[insee], True
    if changed:
        page.save()
    if not page.markets.exists():
        for position, (day, opens, closes, where) in enumerate(MARKETS[insee]):
            WeeklyMarket.objects.create(
                commune_page=page,
                weekday=day,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
                location_name=where,
                sort_order=position,
            )
    if not page.highlights.exists():
        places = PointOfInterestPage.objects.child_of(page).live().order_by("pk")[:3]
        shops = ShopPage.objects.child_of(page).live().order_by("pk")[:1]
        for position, highlight in enumerate([*places, *shops]):
            CommuneHighlight.objects.create(
                commune_page=page, page=highlight, sort_order=position
            )


def _offers_fill(page: CommunePage, today: date) -> None:
    """A few current offers on the commune's shops, published like a merchant's."""
    if Offer.objects.filter(shop__commune=page.commune).exists():
        return
    for family, title, text in OFFERS:
        shop = (
            ShopPage.objects.live()
            .filter(commune=page.commune, category__family=family)
            .order_by("pk")
            .first()
        )
        if shop is None:
            continue
        shop.offers.add(
            Offer(
                title=title,
                text=text,
                valid_from=today - timedelta(days=3),
                valid_until=today + timedelta(days=45),
            )
        )
        shop.save_revision().publish()


@transaction.atomic
def curation_demo_seed(*, today: date) -> dict[str, LoadSummary]:
    pages = {
        page.commune.insee_code: page
        for page in CommunePage.objects.select_related("commune").filter(
            commune__insee_code__in=[LILLE, ROUBAIX]
        )
    }
    events, trails = LoadSummary(), LoadSummary()
    if len(pages) < 2:
        return {"events": events, "trails": trails}
    for insee, page in pages.items():
        _commune_page_fill(page, insee)
        _offers_fill(page, today)
    for insee, values in _events(today, pages):
        parent = pages[insee]
        if EventPage.objects.child_of(parent).filter(slug=values["slug"]).exists():
            events.unchanged += 1
            continue
        parent.add_child(instance=EventPage(**values))
        events.created += 1
    index = TrailsIndexPage.objects.first()
    for spec in TRAILS:
        parent = pages[spec.commune_insee] if spec.commune_insee else index
        if parent is None:
            continue
        if TrailPage.objects.child_of(parent).filter(slug=spec.slug).exists():
            trails.unchanged += 1
            continue
        commune = pages[spec.commune_insee or ROUBAIX].commune
        if _trail(spec, parent, commune) is not None:
            trails.created += 1
    return {"events": events, "trails": trails}
