"""Editorial pages: the home page, the communes, and their points of interest.

The tree is home → communes index → one page per commune → shops and places.
Models stay declarative; reads that templates need are small helpers here or
selectors in ``cms/selectors.py``.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from cms.models.points_of_interest import EDITORIAL_FEATURES, PointOfInterestPage
from cms.models.trails import STOP_PAGE_TYPES
from territory.communes import Commune
from territory.fields import photo_field
from territory.places import closures_read_together
from web.forms import ScopedChoicesPageForm
from web.page_cache import CachedPageMixin


class IntroPage(CachedPageMixin, Page):
    """A single page of the tree's top with a one-line introduction under its title."""

    base_form_class = ScopedChoicesPageForm

    intro = models.CharField(_("introduction"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1

    class Meta:
        abstract = True


class HomePage(IntroPage):
    """The front door: one search box for the whole metropolis."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.CommunesIndexPage", "cms.TrailsIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page of a whole path in one lookup, not two queries per level.

        Wagtail walks the tree a level at a time (the child, then its specific
        object); a shop page four levels down cost eight queries before it was
        served. No page type of ours routes its own sub-paths, so the page whose
        address is the path is the answer; when there is none (an address that
        goes on beyond a page), Wagtail's walk decides, 404 included.
        """
        if path_components:
            found = (
                Page.objects.filter(
                    path__startswith=self.path,
                    depth=self.depth + len(path_components),
                    slug=path_components[-1],
                    url_path=self.url_path + "/".join(path_components) + "/",
                )
                .values_list("pk", "content_type_id")
                .first()
            )
            if found is not None:
                model = ContentType.objects.get_for_id(found[1]).model_class()
                # What every render of that page type reads comes in the same query.
                related = getattr(model, "served_with", ())
                page = model.objects.select_related(*related).get(pk=found[0])
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = home_overview()
        return context


class CommunesIndexPage(IntroPage):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CommunePage"]

    class Meta:
        verbose_name = _("communes index")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import communes_with_counts

        context = super().get_context(request, *args, **kwargs)
        context["communes"] = communes_with_counts()
        return context


class CommunePage(CachedPageMixin, Page):
    """A commune's own page, curated by its staff; shops and places live below it."""

    base_form_class = ScopedChoicesPageForm

    commune = models.OneToOneField(
        Commune,
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("commune"),
    )
    intro = RichTextField(_("introduction"), features=EDITORIAL_FEATURES, blank=True)
    image = photo_field()
    image_credit = models.CharField(_("photo credit"), max_length=255, blank=True)
    practical_info = RichTextField(
        _("practical information"),
        features=EDITORIAL_FEATURES,
        blank=True,
        help_text=_("Parking, public transport, tourist office, useful numbers…"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("commune", read_only=True),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("image_credit"),
        FieldPanel("practical_info"),
    ]
    curation_panels = [
        InlinePanel(
            "highlights",
            heading=_("Highlights"),
            label=_("Highlight"),
            help_text=_("Places and shops shown first on the commune's page."),
        ),
        InlinePanel("markets", heading=_("Weekly markets"), label=_("Market")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Commune")),
            ObjectList(curation_panels, heading=_("Highlights and markets")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    parent_page_types = ["cms.CommunesIndexPage"]
    subpage_types = [
        "shops.ShopPage",
        "cms.PointOfInterestPage",
        "cms.EventPage",
        "cms.TrailPage",
    ]

    class Meta:
        verbose_name = _("commune page")

    def live_shops(self) -> list:
        """The commune's live shops by name, with their closures (rows show the
        open status and closure notice)."""
        from shops.models import ShopPage

        shops = list(
            ShopPage.objects.child_of(self)
            .live()
            .select_related("category", "commune", "image")
            .order_by("title")
        )
        closures_read_together(shops)
        return shops

    def live_places(self):
        return PointOfInterestPage.objects.child_of(self).live().order_by("title")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import commune_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(commune_page_context(self))
        return context


class CommuneHighlight(Orderable):
    """A place or a shop the commune's staff put forward, with a word on why."""

    commune_page = ParentalKey(
        CommunePage, on_delete=models.CASCADE, related_name="highlights"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("place or shop"),
    )
    note = models.CharField(_("why it is worth it"), max_length=200, blank=True)

    panels = [
        PageChooserPanel("page", page_type=STOP_PAGE_TYPES),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")
