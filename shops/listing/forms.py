"""The shop editing form in the Wagtail admin."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shops.choices import PaymentMethod, SpokenLanguage
from shops.hours.editor import OpeningHoursField
from shops.listing.validators import validate_siret
from shops.models.categories import Category
from territory.communes import Commune
from web.forms import ScopedChoicesPageForm


class ShopPageForm(ScopedChoicesPageForm):
    """Checkbox lists for the JSON list fields; dates the hours when they change."""

    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    opening_hours = OpeningHoursField(
        label=_("Opening hours"),
        required=False,
        help_text=_("Tick the days you are closed and give up to two periods a day."),
    )
    payment_methods = forms.MultipleChoiceField(
        label=_("payment methods"),
        choices=PaymentMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._show_live_stock()

    def _product_forms(self) -> list:
        formset = self.formsets.get("products")
        return [form for form in formset.forms if form.instance.pk] if formset else []

    def _live_stock(self) -> dict[int, int | None]:
        forms = self._product_forms()
        if not forms:
            return {}
        # The formset's own model: the page models import this form, not back.
        products = type(forms[0].instance).objects
        ids = [form.instance.pk for form in forms]
        return dict(products.filter(pk__in=ids).values_list("pk", "stock"))

    def _show_live_stock(self) -> None:
        # Orders take units off the live products while a revision still holds the
        # count of its day. The form shows the live count, and a count the merchant
        # leaves untouched is read again when saving, so that publishing an edit
        # never gives back units sold in the meantime.
        live = self._live_stock()
        for form in self._product_forms():
            if form.instance.pk in live:
                form.initial["stock"] = live[form.instance.pk]

    def save(self, commit=True):
        live = self._live_stock()
        for form in self._product_forms():
            if form.instance.pk in live and "stock" not in form.changed_data:
                form.instance.stock = live[form.instance.pk]
        # New hours are, by definition, hours the merchant has just confirmed.
        if (
            "opening_hours" in self.changed_data
            or self.formsets["closures"].has_changed()
        ):
            self.instance.hours_confirmed_at = timezone.now()
        return super().save(commit=commit)


class HoneypotForm(forms.Form):
    """A field humans never see (hidden by CSS) and robots fill in."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class MerchantSignupForm(HoneypotForm):
    """The public sign-up form."""

    business_name = forms.CharField(
        label=_("Name of your shop or workshop"), max_length=100
    )
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        validators=[validate_siret],
        help_text=_("14 digits, on your Kbis or INSEE notice."),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.order_by("name")
    )
    category = forms.ModelChoiceField(
        label=_("Main activity"), queryset=Category.objects.all()
    )
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class QuoteRequestForm(HoneypotForm):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Your email"))
    phone = forms.CharField(
        label=_("Your phone (optional)"), max_length=20, required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Commune of the work"),
        queryset=Commune.objects.order_by("name"),
        required=False,
    )
    message = forms.CharField(
        label=_("Describe the work"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
