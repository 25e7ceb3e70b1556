"""The open-data API, included under ``api/v1/`` next to the search API."""

from django.urls import include, path, re_path

from rest_framework.routers import SimpleRouter

from opendata.api import docs, views

router = SimpleRouter()
router.register("shops", views.ShopViewSet, basename="shop")
router.register("products", views.ProductViewSet, basename="product")
router.register("places", views.PlaceViewSet, basename="place")
router.register("events", views.EventViewSet, basename="event")
router.register("communes", views.CommuneViewSet, basename="commune")
router.register("categories", views.CategoryViewSet, basename="category")

app_name = "opendata_api"
urlpatterns = [
    path("schema/", docs.schema_view, name="schema"),
    path("docs/", docs.docs_view, name="docs"),
    path("", include(router.urls)),
    # Any other address under these resources answers in JSON too, not with the
    # site's 404 page (other apps may add their own resources under /api/v1/).
    re_path(
        r"^(?:shops|products|places|events|communes|categories)(?:/[\s\S]*)?$",
        docs.not_found,
        name="not_found",
    ),
]
