from django.urls import path

from orders import views

app_name = "orders"
urlpatterns = [
    path("", views.basket_view, name="basket"),
    path("add/", views.basket_add_view, name="basket_add"),
    path("update/", views.basket_update_view, name="basket_update"),
    path("checkout/", views.checkout_view, name="checkout"),
    path("login/", views.ResidentLoginView.as_view(), name="login"),
    path("order/<str:token>/", views.track_view, name="track"),
    path(
        "order/<str:token>/cancel/<int:shop_order_id>/",
        views.track_cancel_view,
        name="track_cancel",
    ),
]
