"""Who curates the territory, in Wagtail's own permission tables.

Commune staff hold page permissions on their commune's page (``shops.permissions``),
hence on every place, event and trail below it, and an image collection of their
own for the photos they upload. Metropolitan editors curate the trails of the whole
metropolis: page permissions on the trails index only, whose trails may stop in
any commune, and their own image collection.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from cms.models import TrailsIndexPage

IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
METROPOLITAN_EDITORS = "Metropolitan editors"


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


@transaction.atomic
def metropolitan_editors_group_ensure() -> Group:
    """The group curating trails across communes; safe to call again and again."""
    group, _ = Group.objects.get_or_create(name=METROPOLITAN_EDITORS)
    group.permissions.add(permission_get("wagtailadmin", "access_admin"))
    for index in TrailsIndexPage.objects.all():
        group_pages_ensure(group, page=index)
    group_collection_ensure(group, name="Métropole")
    return group
