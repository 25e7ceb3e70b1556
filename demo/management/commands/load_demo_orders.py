"""Demo click-and-collect orders for the demo merchant (after create_demo_accounts)."""

from django.core.management.base import BaseCommand

from demo.orders import demo_orders_seed


class Command(BaseCommand):
    help = "Let the demo merchant's shop take click-and-collect orders; place a few."

    def handle(self, *args, **options):
        placed = demo_orders_seed()
        self.stdout.write(f"{placed} demo click-and-collect order(s) placed.")
