from django import forms
from django.utils.translation import gettext_lazy as _


class ClaimForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send a link to this address to confirm it is yours."),
    )
    siret = forms.CharField(
        label=_("SIRET of the business"),
        max_length=20,
        help_text=_("14 digits, on your Kbis or INSEE notice."),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        help_text=_(
            "For your merchant account, created when the town hall approves "
            "the claim. If you already have an account, it is kept as it is."
        ),
    )
    # Robots fill every field; people never see this one.
    website = forms.CharField(required=False, label=_("Leave this field empty"))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, min_length=10)
