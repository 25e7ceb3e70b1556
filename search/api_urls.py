"""URLs of the JSON search API, included under ``api/v1/`` by the root URLs."""

from django.urls import path

from search.api import clusters_api, places_api, search_api, suggest_api

app_name = "search_api"
urlpatterns = [
    path("search", search_api, name="search"),
    path("search/suggest", suggest_api, name="suggest"),
    path("search/clusters", clusters_api, name="clusters"),
    path("search/places", places_api, name="places"),
]
