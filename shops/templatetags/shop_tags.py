"""Template tags for what shop pages display: prices, services, structured data."""

import json
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from shops.choices import PaymentMethod, SpokenLanguage, Wheelchair

register = template.Library()

CURRENCY_SYMBOLS = {"EUR": "€"}
SCHEMA_DAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


@register.filter
def price(cents: int, currency: str = "EUR") -> str:
    """``130`` → ``1,30 €`` in French, ``1.30 €`` in English (prices are in cents)."""
    amount = number_format(Decimal(cents) / 100, decimal_pos=2, use_l10n=True)
    return f"{amount}\u00a0{CURRENCY_SYMBOLS.get(currency, currency)}"


@register.simple_tag
def shop_services(shop) -> list[str]:
    """One line per service, access and payment fact the merchant declared."""
    facts = []
    if shop.offers_click_and_collect:
        facts.append(_("Click-and-collect"))
    if shop.offers_delivery:
        facts.append(_("Home delivery"))
    if shop.by_appointment_only:
        facts.append(_("By appointment only"))
    if shop.wheelchair:
        facts.append(
            _("Wheelchair access: %(level)s")
            % {"level": Wheelchair(shop.wheelchair).label}
        )
    languages = [
        str(SpokenLanguage(code).label)
        for code in shop.languages
        if code in SpokenLanguage.values
    ]
    if languages:
        facts.append(
            _("Languages spoken: %(languages)s") % {"languages": ", ".join(languages)}
        )
    payments = [
        str(PaymentMethod(code).label)
        for code in shop.payment_methods
        if code in PaymentMethod.values
    ]
    if payments:
        facts.append(_("Payment: %(methods)s") % {"methods": ", ".join(payments)})
    return facts


def opening_specification(shop) -> list[dict]:
    specification = []
    for day in shop.hours_week():
        for start, end in day.ranges:
            specification.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day.day.weekday()]}",
                    "opens": start.strftime("%H:%M"),
                    "closes": end.strftime("%H:%M"),
                }
            )
    return specification


def closures_specification(place) -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": closure.start_date.isoformat(),
            "validThrough": closure.end_date.isoformat(),
            "opens": "00:00",
            "closes": "00:00",
        }
        for closure in place._closures()
    ]


def json_ld_script(data: dict) -> str:
    # "<" is escaped so that no editor's text can close the script element.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 (JSON with "<" escaped above)
    )


@register.simple_tag(takes_context=True)
def shop_json_ld(context, shop) -> str:
    """schema.org LocalBusiness, for search engines and maps that read it."""
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": shop.title,
        "url": shop.full_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": shop.street_address,
            "postalCode": shop.postal_code,
            "addressLocality": shop.commune.name,
            "addressCountry": "FR",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": shop.latitude,
            "longitude": shop.longitude,
        },
        "openingHoursSpecification": opening_specification(shop),
        "specialOpeningHoursSpecification": closures_specification(shop),
    }
    if shop.phone:
        data["telephone"] = shop.phone
    if shop.pitch:
        data["description"] = shop.pitch
    return json_ld_script(data)
