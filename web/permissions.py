"""Wagtail permissions granted to a group: its pages and its own image collection.

Commune staff (``shops.access.permissions``), shop owners and the metropolitan editors
(``cms.permissions``) are all groups built from these two grants.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def permission_get(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_collection_ensure(group: Group, *, name: str) -> Collection:
    """A collection named ``name`` whose images ``group`` adds, edits and chooses."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first() or root.add_child(
        name=name
    )
    for codename in IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=permission_get("wagtailimages", codename),
        )
    return collection


def group_pages_ensure(group: Group, *, page) -> None:
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission_get("wagtailcore", codename)
        )
