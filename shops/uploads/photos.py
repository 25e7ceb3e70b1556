"""A photo sent from a row of the shop editor (a product's) becomes a Wagtail image.

Wagtail's chooser costs four steps to add a new photo (open it, its Upload tab, the
file, Upload); a file input in the row costs one. The image it makes is the one the
chooser's upload would have made: in the shop's own collection, where its merchant
chooses it again later and no other shop sees it, re-encoded by the same gate
(``shops.uploads.images``, run by the form field before anything is saved).

Only someone who may add images to that collection gets the file input (the shop's
merchant, whose group holds ``add_image`` there, and administrators); commune staff
edit shops with the chooser, whose uploads land in their own collection.
"""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry

from shops.access.permissions import shop_collection
from shops.models import ShopPage


def shop_photo_collection(*, shop: ShopPage, user) -> Collection | None:
    """The shop's collection if ``user`` may add images to it, else None."""
    if user is None or shop is None or not shop.pk:
        return None
    collection = shop_collection(shop)
    if collection is None:
        return None
    policy = policy_registry.get_by_type(get_image_model())
    addable = policy.collections_user_has_permission_for(user, "add")
    return collection if addable.filter(pk=collection.pk).exists() else None


@transaction.atomic
def shop_photo_create(*, shop: ShopPage, title: str, upload: UploadedFile, by):
    """Store ``upload`` (already through ``image_upload_clean``) as an image.

    Called while the page's form saves, before the revision that names the image:
    a revision must never point to an image that does not exist yet.
    """
    collection = shop_photo_collection(shop=shop, user=by)
    if collection is None:
        raise PermissionDenied("This user may not add images to this shop.")
    image = get_image_model()(
        title=title, file=upload, collection=collection, uploaded_by_user=by
    )
    image._set_image_file_metadata()
    image.full_clean()
    image.save()
    return image
