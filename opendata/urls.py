from django.urls import path, re_path

from opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.open_data_index, name="index"),
    re_path(
        r"^(?P<slug>[a-z-]+)\.schema\.json$", views.table_schema, name="table_schema"
    ),
    re_path(
        r"^(?P<slug>[a-z-]+)\.(?P<fmt>geojson|csv)$",
        views.export_download,
        name="download",
    ),
]
