"""Public views of the territory that are not pages: the agenda and its feeds."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.calendar import calendar_build, calendar_events
from cms.models import Commune
from cms.selectors import upcoming_events

AGENDA_LIMIT = 200

CALENDAR_MAX_AGE = 900


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={CALENDAR_MAX_AGE}"
    return response


@require_GET
def metropolis_calendar_view(request):
    body = calendar_build(
        events=calendar_events(), name=_("Events of the Lille metropolis")
    )
    return _ics_response(body, "vitrine-metropole.ics")


@require_GET
def commune_calendar_view(request, slug: str):
    commune = Commune.objects.filter(slug=slug).first()
    if commune is None:
        raise Http404
    body = calendar_build(
        events=calendar_events(commune=commune),
        name=_("Events in %(commune)s") % {"commune": commune.name},
    )
    return _ics_response(body, f"vitrine-{commune.slug}.ics")


@require_GET
def agenda_view(request):
    """Upcoming events of the whole metropolis, or of one commune (``?commune=``)."""
    slug = request.GET.get("commune", "").strip()
    commune = Commune.objects.filter(slug=slug).first() if slug else None
    events = upcoming_events(commune=commune)[:AGENDA_LIMIT]
    return render(
        request,
        "cms/agenda.html",
        {
            "events": events,
            "commune": commune,
            "show_commune": commune is None,
            "unknown_commune": bool(slug) and commune is None,
            "communes": Commune.objects.filter(events__isnull=False).distinct(),
        },
    )
