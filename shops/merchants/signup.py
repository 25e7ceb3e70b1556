"""Merchant accounts: signing up, confirming the email address.

Sign-up creates an inactive account and a draft shop page owned by it in the chosen
commune; the account becomes usable once the merchant follows the emailed link. The
page stays a draft until the commune's staff verify it
(``shops.verification.services``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from wagtail.models import Page

from shops.access.permissions import shop_group_ensure
from shops.listing.validators import siret_normalise, validate_siret
from shops.mail import mail_send
from shops.models import Category, ShopPage
from territory.communes import Commune

CONFIRMATION_SALT = "vitrine.merchant-email-confirmation"
CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3  # three days to click the link


class ConfirmationInvalid(Exception):
    """The link is forged, altered or too old."""


@dataclass(frozen=True)
class SignupRequest:
    business_name: str
    siret: str
    commune: Commune
    category: Category
    email: str
    password: str


def _unique_slug(parent: Page, name: str) -> str:
    base = slugify(name)[:70] or "commerce"
    slug, number = base, 1
    while ShopPage.objects.child_of(parent).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def confirmation_token(user) -> str:
    return signing.dumps({"user": user.pk, "email": user.email}, salt=CONFIRMATION_SALT)


def _send_confirmation(user_id: int, language: str) -> None:
    user = get_user_model().objects.get(pk=user_id)
    path = reverse("shops:merchant_confirm", args=[confirmation_token(user)])
    mail_send(
        to=user.email,
        subject=gettext_lazy("Vitrine: confirm your email address"),
        template="shops/email/confirm_email.txt",
        context={"user": user, "link": f"{settings.WAGTAILADMIN_BASE_URL}{path}"},
        language=language,
    )


def merchant_signup(*, request: SignupRequest, language: str = "fr"):
    """Create the account and its draft shop, then email the confirmation link.

    An address already registered gets no second account and no error: the page
    says the same thing either way, so sign-up never reveals who is registered.
    Returns the new draft shop, or None when the address was already taken.
    """
    validate_siret(request.siret)
    User = get_user_model()
    email = User.objects.normalize_email(request.email).lower()
    if User.objects.filter(email__iexact=email).exists():
        return None
    user = User(username=email, email=email, is_active=False)
    validate_password(request.password, user)
    user.set_password(request.password)
    with transaction.atomic():
        user.full_clean(exclude=["password"])
        user.save()
        # The commune's page (a cms page) is reached through the commune.
        parent = request.commune.page
        commune = request.commune
        shop = ShopPage(
            title=request.business_name.strip(),
            slug=_unique_slug(parent, request.business_name),
            category=request.category,
            siret=siret_normalise(request.siret),
            email=email,
            latitude=commune.latitude,
            longitude=commune.longitude,
            postal_code=commune.postal_codes[0] if commune.postal_codes else "",
            live=False,
            owner=user,
        )
        parent.add_child(instance=shop)
        shop.save_revision(user=user, log_action=True)
        user.groups.add(shop_group_ensure(shop))
        transaction.on_commit(lambda: _send_confirmation(user.pk, language))
    return shop


def merchant_confirm_email(*, token: str):
    """Activate the account behind a confirmation link (clicking twice is harmless)."""
    try:
        data = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE
        )
    except signing.BadSignature as error:
        raise ConfirmationInvalid from error
    User = get_user_model()
    user = User.objects.filter(pk=data["user"], email=data["email"]).first()
    if user is None:
        raise ConfirmationInvalid
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user
