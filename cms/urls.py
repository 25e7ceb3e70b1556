from django.urls import path

from cms.views import agenda_view, commune_calendar_view, metropolis_calendar_view

app_name = "cms"

urlpatterns = [
    path("", agenda_view, name="agenda"),
    path("metropole.ics", metropolis_calendar_view, name="calendar_metropolis"),
    path("<slug:slug>.ics", commune_calendar_view, name="calendar_commune"),
]
