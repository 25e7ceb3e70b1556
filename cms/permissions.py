"""Who curates the territory, in Wagtail's own permission tables.

Commune staff hold page permissions on their commune's page
(``shops.access.permissions``), hence on every place, event and trail below it, and
an image collection of their own for the photos they upload. Metropolitan editors
curate the trails of the whole metropolis: page permissions on the trails index
only, whose trails may stop in any commune, and their own image collection.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from cms.models import TrailsIndexPage
from web.permissions import (
    group_collection_ensure,
    group_pages_ensure,
    permission_get,
)

METROPOLITAN_EDITORS = "Metropolitan editors"


@transaction.atomic
def metropolitan_editors_group_ensure() -> Group:
    """The group curating trails across communes; safe to call again and again."""
    group, _ = Group.objects.get_or_create(name=METROPOLITAN_EDITORS)
    group.permissions.add(permission_get("wagtailadmin", "access_admin"))
    for index in TrailsIndexPage.objects.all():
        group_pages_ensure(group, page=index)
    group_collection_ensure(group, name="Métropole")
    return group
