"""Quote requests: a resident describes the work, the craftworker is emailed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from shops.models import QuoteRequest, ShopPage


def _notify_craftworker(request_id: int) -> None:
    quote = QuoteRequest.objects.select_related("shop", "shop__owner", "commune").get(
        pk=request_id
    )
    recipient = quote.shop.owner.email if quote.shop.owner_id else quote.shop.email
    if not recipient:
        return
    with override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Vitrine: a quote request for %(shop)s")
            % {"shop": quote.shop.title},
            message=render_to_string("shops/email/quote_request.txt", {"quote": quote}),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient],
            fail_silently=False,
        )


def quote_request_create(
    *, shop: ShopPage, name, email, phone, commune, message
) -> QuoteRequest:
    """Store the request, then email the craftworker once the row is committed."""
    if not (shop.live and shop.category.is_craft):
        raise ValidationError(_("This business does not take quote requests online."))
    quote = QuoteRequest(
        shop=shop, name=name, email=email, phone=phone, commune=commune, message=message
    )
    quote.full_clean()
    with transaction.atomic():
        quote.save()
        transaction.on_commit(lambda: _notify_craftworker(quote.pk))
    return quote
