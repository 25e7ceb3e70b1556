"""'Mon espace' under /accounts/, beside allauth's own pages (login/, signup/…)."""

from django.urls import path

from residents import views

app_name = "residents"
urlpatterns = [
    path("", views.space_view, name="space"),
    path("orders/attach/", views.orders_attach_view, name="orders_attach"),
    path(
        "orders/<int:shop_order_id>/cancel/",
        views.order_cancel_view,
        name="order_cancel",
    ),
    path("orders/<int:order_id>/again/", views.order_again_view, name="order_again"),
    path("favourites/", views.favourites_view, name="favourites"),
    path("communes/", views.communes_view, name="communes"),
    path("alerts/", views.alerts_view, name="alerts"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("export/", views.export_view, name="export"),
    path("delete/", views.delete_view, name="delete"),
]
