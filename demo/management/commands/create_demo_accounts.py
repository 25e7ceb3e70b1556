"""Local demo logins: an administrator, the staff of Lille, and a Lille merchant."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.models import Commune
from cms.permissions import metropolitan_editors_group_ensure
from shops.access.permissions import (
    commune_staff_group_ensure,
    shop_group_allow_publishing,
    shop_group_ensure,
)
from shops.merchants.signup import (
    SignupRequest,
    confirmation_token,
    merchant_confirm_email,
    merchant_signup,
)
from shops.models import Category, ShopPage

DEMO_PASSWORD = "vitrine-demo"  # noqa: S105 (a local demo login, printed on purpose)
LILLE = "59350"
PENDING_EMAIL = "nouvelle.fournee@example.org"


class Command(BaseCommand):
    help = "Create (or reset) the local demo accounts and print their logins."

    def _user(self, username: str, **flags):
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@vitrine.localhost"}
        )
        for name, value in flags.items():
            setattr(user, name, value)
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts only exist in development (DEBUG on); "
                "use `manage.py createsuperuser` elsewhere."
            )
        self._user("admin", is_staff=True, is_superuser=True)
        lille = Commune.objects.get(insee_code=LILLE)
        self._user("agent.lille").groups.add(commune_staff_group_ensure(lille))
        self._user("editeur.metropole").groups.add(metropolitan_editors_group_ensure())
        merchant = self._user("marchand")
        shop = (
            ShopPage.objects.filter(commune=lille, verified_at__isnull=False)
            .order_by("pk")
            .first()
        )
        if shop is not None:
            ShopPage.objects.filter(pk=shop.pk).update(owner=merchant)
            merchant.groups.add(shop_group_ensure(shop))
            shop_group_allow_publishing(shop)
        pending = self._pending_signup(lille)
        self.stdout.write(
            "Demo accounts at http://127.0.0.1:8000/admin/ (password 'vitrine-demo'):"
        )
        self.stdout.write("  admin        administrator of the metropolis")
        self.stdout.write("  agent.lille  staff of the commune of Lille")
        self.stdout.write("  editeur.metropole  trails of the whole metropolis")
        if shop is not None:
            self.stdout.write(f"  marchand     merchant of “{shop.title}” (Lille)")
        self.stdout.write(
            f"  {PENDING_EMAIL}  merchant of “{pending.title}”, to be verified"
        )

    def _pending_signup(self, commune):
        """A merchant who just signed up, so that staff have a shop to verify."""
        existing = ShopPage.objects.filter(owner__username=PENDING_EMAIL).first()
        if existing is not None:
            return existing
        shop = merchant_signup(
            request=SignupRequest(
                business_name="La Nouvelle Fournée",
                siret="73282932000074",
                commune=commune,
                category=Category.objects.get(osm_key="shop", osm_value="bakery"),
                email=PENDING_EMAIL,
                password=DEMO_PASSWORD,
            )
        )
        merchant_confirm_email(token=confirmation_token(shop.owner))
        return shop
