"""People of the platform: merchants who signed up, commune staff, residents."""

from django.contrib.auth import get_user_model

from cms.models import Commune
from shops.access.permissions import commune_staff_group_ensure
from shops.merchants.signup import (
    SignupRequest,
    confirmation_token,
    merchant_confirm_email,
    merchant_signup,
)
from shops.models import Category

PASSWORD = "Ch1cons-et-maroilles"
VALID_SIRETS = ("73282932000074", "35600000000048", "44306184100047", "55203253400646")


def merchant_with_shop(
    *,
    name="Fournil Test",
    email="boulanger@example.org",
    insee_code="59350",
    siret=VALID_SIRETS[0],
):
    """A merchant who signed up and confirmed their address, with their draft shop."""
    shop = merchant_signup(
        request=SignupRequest(
            business_name=name,
            siret=siret,
            commune=Commune.objects.get(insee_code=insee_code),
            category=Category.objects.get(osm_key="shop", osm_value="bakery"),
            email=email,
            password=PASSWORD,
        )
    )
    merchant_confirm_email(token=confirmation_token(shop.owner))
    shop.owner.refresh_from_db()
    return shop.owner, shop


def commune_staff(*, insee_code="59350", username="agent.lille"):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@mairie.example.org", password=PASSWORD
    )
    user.groups.add(
        commune_staff_group_ensure(Commune.objects.get(insee_code=insee_code))
    )
    return user


def metropolitan_editor(*, username="editeur.metropole"):
    from cms.permissions import metropolitan_editors_group_ensure

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@mel.example.org", password=PASSWORD
    )
    user.groups.add(metropolitan_editors_group_ensure())
    return user
