from django.urls import path

from shops.views import merchant_confirm_view, merchant_signup_view, quote_request_view

app_name = "shops"
urlpatterns = [
    path("signup/", merchant_signup_view, name="merchant_signup"),
    path("confirm/<str:token>/", merchant_confirm_view, name="merchant_confirm"),
    path("quote/<int:page_id>/", quote_request_view, name="quote_request"),
]
