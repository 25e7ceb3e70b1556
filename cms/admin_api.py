"""Wagtail's admin API, narrowed to what the signed-in user may see.

Wagtail registers image and document listings that answer any admin user with every
file and its download address; ``cms.wagtail_hooks`` replaces them with these.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from rest_framework.authentication import SessionAuthentication

from web.scoping import documents_visible, images_visible


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin API lists only the images the user may choose, edit or delete."""

    # The project's default API authentication knows only open-data keys; the
    # admin API runs under the admin's session.
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=images_visible(self.request.user))


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return (
            super().get_queryset().filter(pk__in=documents_visible(self.request.user))
        )
