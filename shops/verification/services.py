"""What commune staff and merchants do to keep listings trustworthy.

Staff of the shop's commune verify it (SIRET and contact checked): the page is
published, shows "Verified by the commune of X" with the date, and from then on its
merchant publishes their own edits. Staff may also unpublish an abusive listing
with a reason the merchant receives by email. Merchants confirm that their hours
are still right in one click.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shops.access.permissions import (
    shop_group_allow_publishing,
    user_is_commune_staff,
    user_may_confirm_hours,
)
from shops.mail import mail_send
from shops.models import ShopPage
from web.page_cache import page_cache_purge


class ReasonRequired(ValueError):
    pass


def _require_staff(user, shop: ShopPage) -> None:
    if not user_is_commune_staff(user, shop.commune):
        raise PermissionDenied(
            _("Only the staff of %(commune)s can do this.")
            % {"commune": shop.commune.name}
        )


@transaction.atomic
def shop_verify(*, shop: ShopPage, by) -> ShopPage:
    """Mark the shop verified, publish its latest version, let its merchant publish."""
    _require_staff(by, shop)
    shop = ShopPage.objects.select_for_update().get(pk=shop.pk)
    shop.verified_at = timezone.now()
    shop.verified_by = by
    shop.save(update_fields=["verified_at", "verified_by"], clean=False)
    revision = shop.latest_revision or shop.save_revision(user=by)
    revision.publish(user=by)
    shop_group_allow_publishing(shop)
    return ShopPage.objects.get(pk=shop.pk)


@transaction.atomic
def shop_unpublish_for_abuse(*, shop: ShopPage, by, reason: str) -> ShopPage:
    """Take an abusive listing off the public site and tell its merchant why."""
    _require_staff(by, shop)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ReasonRequired(
            _("Explain the reason in a sentence: the merchant will receive it.")
        )
    shop.unpublish(user=by, log_action=True)
    transaction.on_commit(
        lambda: mail_send(
            to=shop.contact_email,
            subject=gettext_lazy("Vitrine: your shop page has been unpublished"),
            template="shops/email/unpublished.txt",
            context={"shop": shop, "reason": reason, "commune": shop.commune.name},
        )
    )
    return shop


def shop_hours_confirm(*, shop: ShopPage, by) -> ShopPage:
    """The merchant says the hours are still right ("still accurate")."""
    if not user_may_confirm_hours(by, shop):
        raise PermissionDenied(_("Only the shop's merchant can confirm its hours."))
    ShopPage.objects.filter(pk=shop.pk).update(hours_confirmed_at=timezone.now())
    shop.refresh_from_db(fields=["hours_confirmed_at"])
    # The page shows the confirmation date without a new publication.
    transaction.on_commit(lambda: page_cache_purge([shop]))
    return shop
