from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from orders.slots import pickup_slots, slot_days, slot_parse


class CheckoutForm(forms.Form):
    """Who collects, and when at each shop. Nothing about prices is read from it."""

    checkout_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the confirmation and each step of your order there."),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("Only for the shop, if they need to reach you."),
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    accept_terms = forms.BooleanField(
        label=_(
            "I accept the terms of sale: I collect my order at the chosen time and "
            "pay the shop at pickup unless I paid online."
        ),
        error_messages={"required": _("Please accept the terms to order.")},
    )

    def __init__(self, *args, parts, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts
        for part in parts:
            slots = pickup_slots(part.shop, now=now)
            choices = [("", _("Choose a time"))] + [
                (
                    date_format(day, "l j F").capitalize(),
                    [(slot.value, slot.time_label) for slot in day_slots],
                )
                for day, day_slots in slot_days(slots)
            ]
            self.fields[f"pickup_{part.shop.pk}"] = forms.ChoiceField(
                widget=forms.Select(attrs={"data-pickup": ""}),
                label=_("Pickup at %(shop)s") % {"shop": part.shop.title},
                choices=choices,
                error_messages={
                    "required": _("Please choose a pickup time at %(shop)s.")
                    % {"shop": part.shop.title},
                    "invalid_choice": _(
                        "%(shop)s cannot take an order for the time chosen (closed, "
                        "too soon or fully booked): please choose another time."
                    )
                    % {"shop": part.shop.title},
                },
                help_text=(
                    ""
                    if slots
                    else _(
                        "No pickup time is free in the coming days: remove this "
                        "shop's products or try again later."
                    )
                ),
            )

    def sections(self):
        """Each shop of the basket with its own pickup-time field."""
        return [(part, self[f"pickup_{part.shop.pk}"]) for part in self.parts]

    def pickups(self) -> dict:
        return {
            part.shop.pk: slot_parse(self.cleaned_data.get(f"pickup_{part.shop.pk}"))
            for part in self.parts
        }
