"""Public URLs of the measurement: the beacon, outbound links and ``/stats/``."""

from django.urls import path

from insights import views

app_name = "insights"
urlpatterns = [
    path("insights/hit/<str:measure>/<int:page_id>/", views.hit_view, name="hit"),
    path("insights/out/<int:page_id>/<str:measure>/", views.outbound_view, name="out"),
    path("stats/", views.stats_page, name="stats"),
]
