"""Edits a merchant left unpublished: continue them, or throw them away.

Wagtail keeps every save and autosave as a revision; the editor opens on the
latest one. A merchant who abandoned an edit met it again without a word and, not
recognising it, typed their product a second time. The dashboard now says an edit
is waiting; discarding it makes the published version the one the editor opens.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from shops.models import ShopPage


@transaction.atomic
def shop_draft_discard(*, shop: ShopPage, by) -> ShopPage:
    """Open the published version again; the unpublished revisions stay in history."""
    if not shop.permissions_for_user(by).can_edit():
        raise PermissionDenied(_("Only those who edit this shop can discard its edit."))
    shop = ShopPage.objects.select_for_update().get(pk=shop.pk)
    if not shop.live or not shop.live_revision_id or not shop.has_unpublished_changes:
        return shop
    ShopPage.objects.filter(pk=shop.pk).update(
        latest_revision_id=shop.live_revision_id,
        has_unpublished_changes=False,
        draft_title=shop.title,
    )
    log(instance=shop, action="wagtail.edit", user=by, content_changed=False)
    return ShopPage.objects.get(pk=shop.pk)
