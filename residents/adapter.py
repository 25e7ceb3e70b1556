"""allauth's adapter, told the site's name (the project runs without contrib.sites).

Without it, allauth's emails greet residents from the bare host name
("Bonjour, c'est testserver !").
"""

from dataclasses import dataclass

from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context


@dataclass(frozen=True)
class SiteName:
    name: str
    domain: str


class ResidentAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context_: dict) -> None:
        request = context.request
        site = SiteName(name=settings.WAGTAIL_SITE_NAME, domain=request.get_host())
        super().send_mail(template_prefix, email, {"current_site": site, **context_})
