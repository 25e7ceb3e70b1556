from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from cms.models import Commune
from shops.permissions import commune_staff_group_ensure, commune_staff_group_name


class Command(BaseCommand):
    help = "Create the staff group of each commune (edit, publish, verify its shops)."

    def handle(self, *args, **options):
        existing = set(Group.objects.values_list("name", flat=True))
        created = 0
        for commune in Commune.objects.all():
            if commune_staff_group_name(commune) not in existing:
                commune_staff_group_ensure(commune)
                created += 1
        total = Commune.objects.count()
        self.stdout.write(
            f"Commune staff groups: {created} created, {total - created} unchanged"
        )
