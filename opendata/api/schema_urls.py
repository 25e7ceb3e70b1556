"""The URLs the OpenAPI schema describes: our API only (not Wagtail's admin API)."""

from django.urls import include, path

from opendata.api.urls import router

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/", include("insights.api_urls")),
]
