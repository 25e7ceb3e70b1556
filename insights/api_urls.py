"""The public figures in the API, under ``api/v1/`` (and in its OpenAPI schema)."""

from django.urls import path

from insights import views

urlpatterns = [path("stats/", views.stats_api, name="stats_api")]
