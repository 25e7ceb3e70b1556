"""Who may do what with a shop, expressed in Wagtail's own permission tables.

Each shop has a group of its own holding page permissions on that one page and
collection permissions on its own image collection; its merchant belongs to it.
Wagtail then hides everything else from the merchant by itself: explorer, choosers,
image listings, revisions and reports all filter on these tables. Each commune has a
staff group with permissions on its commune page, hence on the shops below it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.permission_policies.pages import PagePermissionPolicy

from shops.models import ShopPage
from territory.communes import Commune
from web.permissions import (
    IMAGE_PERMISSIONS,
    group_collection_ensure,
    group_pages_ensure,
    permission_get,
)


def _admin_access() -> Permission:
    return permission_get("wagtailadmin", "access_admin")


MERCHANT_GROUP_PREFIX = "Merchant of shop "


def shop_group_name(shop: ShopPage) -> str:
    return f"{MERCHANT_GROUP_PREFIX}{shop.pk}"


def commune_staff_group_name(commune: Commune) -> str:
    return f"Commune staff: {commune.name} ({commune.insee_code})"


@transaction.atomic
def shop_group_ensure(shop: ShopPage) -> Group:
    """The shop's own group: edit its page, manage the images of its collection."""
    group, created = Group.objects.get_or_create(name=shop_group_name(shop))
    if created:
        group.permissions.add(_admin_access())
        GroupPagePermission.objects.create(
            group=group,
            page=shop,
            permission=permission_get("wagtailcore", "change_page"),
        )
        collection = Collection.get_first_root_node().add_child(
            name=f"{shop.title} ({shop.pk})"
        )
        for codename in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=permission_get("wagtailimages", codename),
            )
    return group


def shop_collection(shop: ShopPage) -> Collection | None:
    """The image collection of the shop's own group (``shop_group_ensure``).

    Found through the group's permission rather than by name: the collection keeps
    the name the shop had when its merchant signed up.
    """
    grant = (
        GroupCollectionPermission.objects.filter(
            group__name=shop_group_name(shop),
            permission__content_type__app_label="wagtailimages",
            permission__codename="add_image",
        )
        .select_related("collection")
        .first()
    )
    return grant.collection if grant else None


def shop_group_allow_publishing(shop: ShopPage) -> None:
    """Once verified, a merchant publishes their own edits without review."""
    GroupPagePermission.objects.get_or_create(
        group=shop_group_ensure(shop),
        page=shop,
        permission=permission_get("wagtailcore", "publish_page"),
    )


@transaction.atomic
def commune_staff_group_ensure(commune: Commune) -> Group:
    """Pages of the commune, and an image collection for the places' photos."""
    group, created = Group.objects.get_or_create(name=commune_staff_group_name(commune))
    if created:
        group.permissions.add(_admin_access())
        group_pages_ensure(group, page=commune.page)
    group_collection_ensure(group, name=f"{commune.name} ({commune.insee_code})")
    return group


def user_is_commune_staff(user, commune: Commune) -> bool:
    if user.is_superuser:
        return True
    return user.groups.filter(name=commune_staff_group_name(commune)).exists()


def page_ids_editable_by(user):
    """Ids of the pages ``user`` may edit, as a subquery (Wagtail's own tables)."""
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .values("pk")
    )


def shop_ids_owned_by(user):
    """Ids of the shops ``user`` runs (their shop's own group), as a subquery.

    Narrower than ``page_ids_editable_by``: commune staff may edit every shop of
    their commune, but what residents write to one craftworker (quote requests)
    is for that craftworker alone.
    """
    return GroupPagePermission.objects.filter(
        group__in=user.groups.filter(name__startswith=MERCHANT_GROUP_PREFIX)
    ).values("page_id")


def user_may_confirm_hours(user, shop: ShopPage) -> bool:
    """The shop's merchant, or the staff of its commune."""
    return user_owns_shop(user, shop) or user_is_commune_staff(user, shop.commune)


def user_owns_shop(user, shop: ShopPage) -> bool:
    return user.is_superuser or user.groups.filter(name=shop_group_name(shop)).exists()
