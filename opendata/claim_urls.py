from django.urls import path

from opendata import claim_views

app_name = "claims"
urlpatterns = [
    path("claim/<int:page_id>/", claim_views.claim_start_view, name="start"),
    path("claim/confirm/<str:token>/", claim_views.claim_confirm_view, name="confirm"),
]
