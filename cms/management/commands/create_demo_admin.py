from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "vitrine-demo"  # noqa: S105 (a local demo login, printed on purpose)


class Command(BaseCommand):
    help = "Create (or reset) the local demo administrator and print its login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "The demo administrator only exists in development (DEBUG on); "
                "use `manage.py createsuperuser` elsewhere."
            )
        user, _ = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "admin@vitrine.localhost"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        self.stdout.write(
            f"Demo admin: http://127.0.0.1:8000/admin/  login {DEMO_USERNAME!r}, "
            f"password {DEMO_PASSWORD!r}"
        )
