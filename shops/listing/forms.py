"""The shop editing form in the Wagtail admin."""

from copy import copy

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from shops.choices import PaymentMethod, SpokenLanguage
from shops.hours.editor import OpeningHoursField
from shops.listing.validators import validate_siret
from shops.models.categories import Category
from shops.uploads.fields import PhotoFileField
from territory.communes import Commune
from web.forms import ScopedChoicesPageForm

LISTING_FIELDS = (
    "street_address",
    "postal_code",
    "latitude",
    "longitude",
    "category",
    "opening_hours",
    "by_appointment_only",
)


class ProductForm(WagtailAdminModelForm):
    """A product row with a photo file beside its name (``shops.uploads.photos``).

    The row cannot tell which shop or user it is for; the page's form can, and
    hands the row the shop's collection (``photo_collection``, None when the
    user may not add images there: the file input is then left out).
    """

    photo_file = PhotoFileField(
        label=_("Or send a new photo"),
        required=False,
        help_text=_("From your phone or computer. It replaces the photo chosen above."),
    )

    def __init__(self, *args, photo_collection=None, **kwargs):
        super().__init__(*args, **kwargs)
        if photo_collection is None:
            del self.fields["photo_file"]
        self.photo_created = False

    def photo_sent(self):
        """The re-encoded photo sent in this row, if any."""
        if "photo_file" not in self.fields:
            return None
        return self.cleaned_data.get("photo_file")

    def get_field_updates_for_resave(self):
        # After an autosave the editor stays open: its file input must not send the
        # same photo again, and the chooser must hold the image it became.
        updates = super().get_field_updates_for_resave()
        if self.photo_created:
            updates.append((self.add_prefix("image"), str(self.instance.image_id)))
            updates.append((self.add_prefix("photo_file"), ""))
        return updates


class ShopPageForm(ScopedChoicesPageForm):
    """Checkbox lists for the JSON list fields; dates the hours when they change;
    turns the photo files of product rows into the shop's images."""

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
        from shops.uploads.photos import shop_photo_collection

        # Read by the product rows as they are built (ProductForm, inherit_kwargs).
        self.photo_collection = shop_photo_collection(
            shop=kwargs.get("instance"), user=kwargs.get("for_user")
        )
        super().__init__(*args, **kwargs)
        self._show_live_stock()

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            # A file input cannot be filled again by the server: say so in the row
            # whose photo was fine but is lost with this refused page.
            for form in self._photo_forms():
                form.add_error(
                    "photo_file",
                    _(
                        "Your photo was not saved because of another error on the "
                        "page: choose it again once that error is corrected."
                    ),
                )
        return valid

    def _photo_forms(self) -> list:
        formset = self.formsets.get("products")
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if form.is_valid()
            and form.photo_sent()
            and not formset._should_delete_form(form)
        ]

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
        # count of its day: the form shows the live count (shops.stock).
        live = self._live_stock()
        for form in self._product_forms():
            if form.instance.pk in live:
                form.initial["stock"] = live[form.instance.pk]

    def clean(self):
        cleaned = super().clean()
        # Publishing shows the listing to residents: it needs what verification
        # needs (shops.verification.listing_gaps). Drafts may stay incomplete.
        if "action-publish" in self.data and self.instance.commune_id:
            from shops.verification.services import listing_gaps

            candidate = copy(self.instance)
            for name in LISTING_FIELDS:
                if name in cleaned:
                    setattr(candidate, name, cleaned[name])
            for name, problem in listing_gaps(candidate).items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, problem)
        return cleaned

    def save(self, commit=True):
        from shops.stock import product_stock_set
        from shops.uploads.photos import shop_photo_create

        # Before the revision is written, so that it names an image that exists.
        for form in self._photo_forms():
            form.instance.image = shop_photo_create(
                shop=self.instance,
                title=form.cleaned_data.get("name") or str(_("Product photo")),
                upload=form.photo_sent(),
                by=self.for_user,
            )
            form.photo_created = True

        # A count the merchant typed is a fact about the shelf, not an editorial
        # draft: it applies at once, even when the page itself waits for review.
        for form in self._product_forms():
            if "stock" in form.changed_data:
                product_stock_set(
                    product_id=form.instance.pk, stock=form.cleaned_data["stock"]
                )
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
