from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from cms.models import Commune
from cms.permissions import metropolitan_editors_group_ensure
from shops.access.permissions import (
    commune_staff_group_ensure,
    commune_staff_group_name,
)


class Command(BaseCommand):
    help = (
        "Create the staff group of each commune (edit, publish, verify its shops; "
        "curate its places, events and trails) and the metropolitan editors' group."
    )

    def handle(self, *args, **options):
        existing = set(Group.objects.values_list("name", flat=True))
        created = 0
        for commune in Commune.objects.all():
            # Run for existing groups too: it adds what later versions grant.
            commune_staff_group_ensure(commune)
            if commune_staff_group_name(commune) not in existing:
                created += 1
        total = Commune.objects.count()
        self.stdout.write(
            f"Commune staff groups: {created} created, {total - created} unchanged"
        )
        metropolitan_editors_group_ensure()
        self.stdout.write("Metropolitan editors group: ready")
