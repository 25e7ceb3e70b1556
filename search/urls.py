from django.urls import path

from search.views import communes_outlines, search_page

app_name = "search"
urlpatterns = [
    path("", search_page, name="shops"),
    path("communes.geojson", communes_outlines, name="outlines"),
]
