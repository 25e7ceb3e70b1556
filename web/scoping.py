"""What a signed-in user may choose and see in the admin, in one place.

Wagtail's choosers already hide other people's images, documents and drafts, but a
chooser is only a widget: the form field behind it accepts any primary key that is
posted. These selectors are the server-side rule the admin forms (``web.forms``),
the admin API and the bulk-action guards (``shops.access.admin_guards``) all apply:

- images and documents: those in a collection where the user may choose them;
- pages: published pages (anyone can see them on the site) and pages the user
  may edit;
- whatever an object already points to stays allowed, so that commune staff
  can save a shop page whose photo sits in the merchant's collection.
"""

from django.db.models import Model, Q, QuerySet

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

COLLECTION_ACTIONS = ["choose", "change", "delete"]
# Reports that list the whole site's pages, titles or editors: for administrators.
ADMINISTRATORS_REPORTS = ("site-history", "aging-pages", "page-types-usage")


def _in_collections(model, user, actions: list[str]) -> QuerySet:
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, actions)


def images_choosable(user) -> QuerySet:
    return _in_collections(get_image_model(), user, ["choose"])


def documents_choosable(user) -> QuerySet:
    return _in_collections(get_document_model(), user, ["choose"])


def images_visible(user) -> QuerySet:
    """Images the user may choose, edit or delete: what admin screens may list."""
    return _in_collections(get_image_model(), user, COLLECTION_ACTIONS)


def documents_visible(user) -> QuerySet:
    return _in_collections(get_document_model(), user, COLLECTION_ACTIONS)


def pages_editable(user) -> QuerySet:
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


def pages_choosable(user) -> QuerySet:
    """Published pages and the user's own drafts: never another shop's draft."""
    if user.is_superuser:
        return Page.objects.all()
    return Page.objects.filter(
        Q(live=True) | Q(pk__in=pages_editable(user).values("pk"))
    )


def choosable_for(user, model: type[Model]) -> QuerySet | None:
    """The queryset ``user`` may pick ``model`` instances from, or None: no rule."""
    if issubclass(model, get_image_model()):
        return images_choosable(user)
    if issubclass(model, get_document_model()):
        return documents_choosable(user)
    if issubclass(model, Page):
        return pages_choosable(user)
    return None
