"""Trails ("parcours"): an ordered walk through places and shops.

A commune's trails live under its page and are curated by its staff; trails of the
whole metropolis live under the trails index, curated by the metropolitan editors.
Stops are pages (points of interest or shops) and may lie in any commune. The
route's distance and duration are computed from the stops (``cms.routes``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from cms.forms import TrailPageForm
from territory.fields import photo_field
from web.forms import ScopedChoicesPageForm
from web.page_cache import CachedPageMixin

TRAIL_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]
STOP_PAGE_TYPES = ["cms.PointOfInterestPage", "shops.ShopPage"]


class TrailsIndexPage(CachedPageMixin, Page):
    """The trails of the whole metropolis, and the list of every trail."""

    base_form_class = ScopedChoicesPageForm

    intro = models.CharField(_("introduction"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TrailPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trails index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["trails"] = (
            TrailPage.objects.live().select_related("image").order_by("title")
        )
        return context


class TrailPage(CachedPageMixin, Page):
    summary = models.CharField(_("short description"), max_length=255)
    body = RichTextField(_("description"), features=TRAIL_FEATURES, blank=True)
    image = photo_field()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("image"),
        InlinePanel(
            "stops",
            heading=_("Stops"),
            label=_("Stop"),
            min_num=2,
            help_text=_("In walking order. Stops may be in any commune."),
        ),
    ]
    base_form_class = TrailPageForm
    parent_page_types = ["cms.CommunePage", "cms.TrailsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trail")
        verbose_name_plural = _("trails")

    def get_context(self, request, *args, **kwargs):
        from cms.routes import trail_route

        context = super().get_context(request, *args, **kwargs)
        context["route"] = trail_route(self)
        return context


class TrailStop(Orderable):
    """One stop: a place or a shop page. If it is unpublished, the trail says so."""

    trail = ParentalKey(TrailPage, on_delete=models.CASCADE, related_name="stops")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("place or shop"),
    )
    note = models.CharField(_("what to see here"), max_length=255, blank=True)
    visit_minutes = models.PositiveSmallIntegerField(
        _("time spent here (minutes)"),
        default=15,
        validators=[MaxValueValidator(240)],
    )

    panels = [
        PageChooserPanel("page", page_type=STOP_PAGE_TYPES),
        FieldPanel("note"),
        FieldPanel("visit_minutes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stop")
        verbose_name_plural = _("stops")

    def clean(self):
        super().clean()
        if self.page_id is None:
            return
        model = self.page.specific_class
        allowed = {label.lower() for label in STOP_PAGE_TYPES}
        if model is None or model._meta.label_lower not in allowed:
            raise ValidationError(
                {"page": _("A stop is a place of interest or a shop page.")}
            )
