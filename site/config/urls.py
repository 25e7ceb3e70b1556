"""Root URLs: the admin, infrastructure endpoints, the search, then Wagtail's pages."""

from django.conf import settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from orders.webhooks import stripe_webhook_view
from web.forgery import same_site_post_only

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "privacy/",
        TemplateView.as_view(template_name="privacy/page.html"),
        name="privacy",
    ),
    # Changing the display language needs no CSRF token, so that public pages hold
    # none and can be cached for every visitor (web.page_cache); web.forgery
    # refuses the switch when posted from another site.
    path(
        "i18n/setlang/",
        csrf_exempt(same_site_post_only(set_language)),
        name="set_language",
    ),
    path("", include("shops.access.admin_guards")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("api/v1/", include("search.api_urls")),
    path("api/v1/", include("insights.api_urls")),
    path("api/v1/", include("opendata.api.urls")),
    path("open-data/", include("opendata.urls")),
    path("merchants/", include("shops.urls")),
    path("agenda/", include("cms.urls")),
    path("basket/", include("orders.urls")),
    path("stripe/webhook/", stripe_webhook_view, name="stripe_webhook"),
    path("merchants/", include("opendata.claim_urls")),
    path("", include("insights.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
