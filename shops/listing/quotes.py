"""Quote requests: a resident describes the work, the craftworker is emailed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shops.mail import mail_send
from shops.models import QuoteRequest, ShopPage


def _notify_craftworker(request_id: int) -> None:
    quote = QuoteRequest.objects.select_related("shop", "shop__owner", "commune").get(
        pk=request_id
    )
    mail_send(
        to=quote.shop.contact_email,
        subject=gettext_lazy("Vitrine: a quote request for %(shop)s"),
        subject_args={"shop": quote.shop.title},
        template="shops/email/quote_request.txt",
        context={"quote": quote},
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
