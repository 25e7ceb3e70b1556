"""Claiming an imported listing: the merchant asks, confirms their address, the
commune's staff approve, and the listing passes to the merchant.

States and their moves are one table (``TRANSITIONS``); each service performs one
move or raises ``InvalidClaimTransition``. The claim keeps the trail (who asked,
confirmed when, decided by whom, the previous owner) and Wagtail's page history
records the approval.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from cms.models import Commune
from opendata.models import ClaimStatus, ShopClaim
from shops.access.permissions import (
    commune_staff_group_name,
    shop_group_allow_publishing,
    shop_group_ensure,
)
from shops.listing.validators import siret_normalise, validate_siret
from shops.mail import mail_send
from shops.models import ShopPage
from shops.verification.services import ReasonRequired, _require_staff

CLAIM_SALT = "vitrine.listing-claim-confirmation"
CLAIM_MAX_AGE = 60 * 60 * 24 * 3
APPROVED_ACTION = "vitrine.claim_approved"

TRANSITIONS: dict[str, tuple[set[str], str]] = {
    "confirm_email": ({ClaimStatus.AWAITING_EMAIL}, ClaimStatus.AWAITING_APPROVAL),
    "approve": ({ClaimStatus.AWAITING_APPROVAL}, ClaimStatus.APPROVED),
    "reject": (
        {ClaimStatus.AWAITING_EMAIL, ClaimStatus.AWAITING_APPROVAL},
        ClaimStatus.REJECTED,
    ),
}


class InvalidClaimTransition(Exception):
    pass


class ClaimConfirmationInvalid(Exception):
    """The link is forged, altered or too old."""


def _move(claim: ShopClaim, action: str) -> None:
    allowed, target = TRANSITIONS[action]
    if claim.status not in allowed:
        raise InvalidClaimTransition(
            _("This claim is already %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    claim.status = target


def shop_is_claimable(shop: ShopPage) -> bool:
    return shop.live and not shop.is_claimed


def claim_token(claim: ShopClaim) -> str:
    return signing.dumps({"claim": claim.pk}, salt=CLAIM_SALT)


def _absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _send_confirmation(claim_id: int) -> None:
    claim = ShopClaim.objects.select_related("shop").get(pk=claim_id)
    mail_send(
        to=claim.email,
        subject=gettext_lazy("Vitrine: confirm your claim of %(shop)s"),
        subject_args={"shop": claim.shop.title},
        template="opendata/email/claim_confirm.txt",
        context={
            "claim": claim,
            "link": _absolute(reverse("claims:confirm", args=[claim_token(claim)])),
        },
        language=claim.language,
    )


def claim_request(
    *,
    shop: ShopPage,
    full_name: str,
    email: str,
    siret: str,
    password: str,
    language: str = "fr",
) -> ShopClaim:
    """Record the claim and email the confirmation link to the claimant."""
    if not shop_is_claimable(shop):
        raise ValidationError(
            _("This listing is already managed by its merchant: it cannot be claimed.")
        )
    validate_siret(siret)
    siret = siret_normalise(siret)
    if shop.siret and shop.siret != siret:
        raise ValidationError(
            {
                "siret": _(
                    "This SIRET is not the one of the listing. Give the SIRET of "
                    "this shop (on its Kbis or INSEE notice), or contact the town "
                    "hall if the listing is wrong."
                )
            }
        )
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    validate_password(password, User(username=email, email=email))
    claim = ShopClaim(
        shop=shop,
        full_name=full_name.strip(),
        email=email,
        siret=siret,
        password_hash=make_password(password),
        language=language,
    )
    claim.full_clean()
    with transaction.atomic():
        claim.save()
        transaction.on_commit(lambda: _send_confirmation(claim.pk))
    return claim


def _staff_emails(shop: ShopPage) -> list[str]:
    group = Group.objects.filter(name=commune_staff_group_name(shop.commune)).first()
    if group is None:
        return []
    return [
        address
        for address in group.user_set.filter(is_active=True).values_list(
            "email", flat=True
        )
        if address
    ]


def _tell_staff(claim_id: int) -> None:
    claim = ShopClaim.objects.select_related("shop__commune").get(pk=claim_id)
    for address in _staff_emails(claim.shop):
        mail_send(
            to=address,
            subject=gettext_lazy("Vitrine: a listing of %(commune)s is claimed"),
            subject_args={"commune": claim.shop.commune.name},
            template="opendata/email/claim_to_review.txt",
            context={"claim": claim, "link": _absolute(reverse("opendata_claims"))},
        )


def claim_confirm_email(*, token: str) -> ShopClaim:
    """The claimant followed the link: the claim goes to the commune's staff.

    Following the link again is harmless and shows the same claim.
    """
    try:
        data = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature as error:
        raise ClaimConfirmationInvalid from error
    with transaction.atomic():
        claim = (
            ShopClaim.objects.select_for_update().filter(pk=data.get("claim")).first()
        )
        if claim is None:
            raise ClaimConfirmationInvalid
        if claim.status != ClaimStatus.AWAITING_EMAIL:
            return claim
        _move(claim, "confirm_email")
        claim.email_confirmed_at = timezone.now()
        claim.save(update_fields=["status", "email_confirmed_at"])
        transaction.on_commit(lambda: _tell_staff(claim.pk))
    return claim


def _merchant_account(claim: ShopClaim):
    """The claimant's account: their existing one, or a new one with their password."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=claim.email).first()
    if user is not None:
        if not user.is_active:  # the claim's link has just proved the address
            user.is_active = True
            user.save(update_fields=["is_active"])
        return user
    user = User(
        username=claim.email,
        email=claim.email,
        first_name=claim.full_name[:150],
        password=claim.password_hash,
        is_active=True,
    )
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def claim_approve(*, claim: ShopClaim, by) -> ShopClaim:
    """The listing passes to the claimant, who may edit and publish it from now on."""
    claim = (
        ShopClaim.objects.select_for_update().select_related("shop").get(pk=claim.pk)
    )
    shop = ShopPage.objects.select_for_update().get(pk=claim.shop_id)
    _require_staff(by, shop)
    if shop.is_claimed:
        raise InvalidClaimTransition(_("This listing has already been claimed."))
    _move(claim, "approve")
    merchant = _merchant_account(claim)
    claim.previous_owner_id = shop.owner_id
    shop.owner = merchant
    shop.is_claimed = True
    if not shop.siret:
        shop.siret = claim.siret
    shop.save(update_fields=["owner", "is_claimed", "siret"], clean=False)
    # A new published revision, so that the merchant's editor starts from the
    # listing as it now is (SIRET included) and older revisions cannot undo it.
    shop.save_revision(user=by, clean=False).publish(user=by, log_action=False)
    merchant.groups.add(shop_group_ensure(shop))
    # The staff checked who the claimant is: like a merchant whose sign-up they
    # verified, the claimant publishes their own corrections.
    shop_group_allow_publishing(shop)
    claim.merchant = merchant
    claim.decided_at = timezone.now()
    claim.decided_by = by
    claim.save()
    log(
        instance=shop,
        action=APPROVED_ACTION,
        user=by,
        data={
            "claim": claim.pk,
            "merchant": merchant.email,
            "previous_owner": claim.previous_owner_id,
        },
    )
    for other in shop.claims.exclude(pk=claim.pk).filter(
        status__in=TRANSITIONS["reject"][0]
    ):
        _reject(
            other,
            by=by,
            reason=_("The listing was claimed by another person and approved."),
        )
    transaction.on_commit(lambda: _tell_claimant(claim.pk))
    return claim


def _reject(claim: ShopClaim, *, by, reason: str) -> None:
    _move(claim, "reject")
    claim.decided_at = timezone.now()
    claim.decided_by = by
    claim.decision_note = reason
    claim.save()
    transaction.on_commit(lambda: _tell_claimant(claim.pk))


@transaction.atomic
def claim_reject(*, claim: ShopClaim, by, reason: str) -> ShopClaim:
    claim = (
        ShopClaim.objects.select_for_update().select_related("shop").get(pk=claim.pk)
    )
    _require_staff(by, claim.shop)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ReasonRequired(
            _("Explain the reason in a sentence: the claimant will receive it.")
        )
    _reject(claim, by=by, reason=reason)
    return claim


def _tell_claimant(claim_id: int) -> None:
    claim = ShopClaim.objects.select_related("shop__commune").get(pk=claim_id)
    mail_send(
        to=claim.email,
        subject=(
            gettext_lazy("Vitrine: your claim of %(shop)s is approved")
            if claim.status == ClaimStatus.APPROVED
            else gettext_lazy("Vitrine: your claim of %(shop)s was not approved")
        ),
        subject_args={"shop": claim.shop.title},
        template="opendata/email/claim_decided.txt",
        context={
            "claim": claim,
            "approved": claim.status == ClaimStatus.APPROVED,
            "link": _absolute(reverse("wagtailadmin_home")),
        },
        language=claim.language,
    )


def claims_for_staff(user):
    """Open and recent claims of the communes ``user`` is staff of."""
    claims = ShopClaim.objects.select_related("shop__commune", "decided_by")
    if user.is_superuser:
        return claims
    names = set(user.groups.values_list("name", flat=True))
    communes = [
        commune.pk
        for commune in Commune.objects.all()
        if commune_staff_group_name(commune) in names
    ]
    return claims.filter(shop__commune__in=communes)
