"""Guards in front of Wagtail admin views that would show others' drafts and files.

Found by the permission-matrix test and by an attack: Wagtail's move confirmation
renders the page's title before checking the user's rights, its page chooser shows
the title of any parent page it is given, its set-position view fails with a 500 on
the root page, its bulk-action confirmations list the titles of any ids given, and
the site-history, aging-pages and page-types reports show other people's titles
and email addresses; its ``failwhale`` lets anyone with admin access cause a server
error, mailed to the administrators, at will. The move is guarded by a hook in
``wagtail_hooks``, the admin API's image and document listings by
``ScopedImagesAdminAPIViewSet`` below.
Each guard answers 404 unless the user may see the objects, then hands over to
Wagtail's own view unchanged.
"""

from django.http import Http404
from django.urls import URLResolver, path, re_path
from django.urls.resolvers import RoutePattern

from wagtail.admin import urls as wagtail_admin_urls
from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.views import chooser
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from web.scoping import ADMINISTRATORS_REPORTS, documents_visible, images_visible

_WAGTAIL_ADMIN = URLResolver(RoutePattern("admin/"), wagtail_admin_urls)


def _visible_to(user, page: Page | None) -> bool:
    if page is None:
        return False
    return user.is_superuser or page.live or page.permissions_for_user(user).can_edit()


def _guarded_browse(request, parent_page_id: int):
    if not _visible_to(request.user, Page.objects.filter(pk=parent_page_id).first()):
        raise Http404
    return chooser.BrowseView.as_view()(request, parent_page_id=parent_page_id)


def _guarded_set_position(request, page_to_move_id: int):
    page = Page.objects.filter(pk=page_to_move_id).first()
    if (
        page is None
        or page.is_root()
        or not page.permissions_for_user(request.user).can_move()
    ):
        raise Http404
    wagtail_view = next(
        pattern.callback
        for pattern in wagtail_page_urls.urlpatterns
        if getattr(pattern, "name", None) == "set_page_position"
    )
    return wagtail_view(request, page_to_move_id=page_to_move_id)


def _wagtail_view(request):
    """Wagtail's own view for this admin URL, as if no guard stood in front."""
    match = _WAGTAIL_ADMIN.resolve(request.path_info.lstrip("/"))
    return match.func(request, *match.args, **match.kwargs)


def _bulk_objects_visible(user, app_label: str, model_name: str, ids: list) -> bool:
    if not all(str(pk).isdigit() for pk in ids):
        return False
    ids = [int(pk) for pk in ids]
    if (app_label, model_name) == ("wagtailcore", "page"):
        pages = Page.objects.filter(pk__in=ids)
        return all(_visible_to(user, page) for page in pages)
    for model, visible in (
        (get_image_model(), images_visible),
        (get_document_model(), documents_visible),
    ):
        if (app_label, model_name) == (model._meta.app_label, model._meta.model_name):
            return visible(user).filter(pk__in=ids).count() == len(set(ids))
    return True  # users, snippets: Wagtail checks the model permission itself


def _guarded_bulk_action(request, app_label: str, model_name: str, action: str):
    ids = request.GET.getlist("id")
    if request.user.is_superuser or _bulk_objects_visible(
        request.user, app_label, model_name, ids
    ):
        return _wagtail_view(request)
    raise Http404


def _superusers_only(request, **kwargs):
    if not request.user.is_superuser:
        raise Http404
    return _wagtail_view(request)


# Listed before Wagtail's admin URLs in config/urls.py so that they answer first.
urlpatterns = [
    path("admin/choose-page/<int:parent_page_id>/", _guarded_browse),
    path("admin/pages/<int:page_to_move_id>/set_position/", _guarded_set_position),
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        _guarded_bulk_action,
    ),
    re_path(
        rf"^admin/reports/(?P<report>{'|'.join(ADMINISTRATORS_REPORTS)})/",
        _superusers_only,
    ),
    # Wagtail's error-page test raises on purpose: in production each call is a
    # logged server error mailed to ADMINS, which any merchant could repeat at will.
    path("admin/failwhale/", _superusers_only),
]
