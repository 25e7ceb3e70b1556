"""The one signal: signing in merges the guest basket into the account's."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from orders.basket import SESSION_KEY, basket_merge
from orders.models import Basket


@receiver(user_logged_in, dispatch_uid="orders_basket_merge")
def basket_merge_on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    token = request.session.pop(SESSION_KEY, None)
    guest = Basket.objects.filter(token=token, user=None).first() if token else None
    if guest is None or not guest.lines.exists():
        return
    target, _ = Basket.objects.get_or_create(user=user)
    basket_merge(source=guest, target=target)
