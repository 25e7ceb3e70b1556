"""Guards in front of three Wagtail admin views that would show others' drafts.

Found by the permission-matrix test: Wagtail's move confirmation renders the page's
title before checking the user's rights, its page chooser shows the title of any
parent page it is given, and its set-position view fails with a 500 on the root
page. The move is guarded by a hook in ``wagtail_hooks``.
Each guard answers 404 unless the user may see the page, then hands over to
Wagtail's own view unchanged.
"""

from django.http import Http404
from django.urls import path

from wagtail.admin.urls import pages as wagtail_page_urls
from wagtail.admin.views import chooser
from wagtail.models import Page


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


# Listed before Wagtail's admin URLs in config/urls.py so that they answer first.
urlpatterns = [
    path("admin/choose-page/<int:parent_page_id>/", _guarded_browse),
    path("admin/pages/<int:page_to_move_id>/set_position/", _guarded_set_position),
]
