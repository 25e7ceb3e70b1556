"""The base of every Wagtail image form, so that each upload goes through
``shops.uploads.images`` before anything else reads it.

Wagtail builds its image forms (single upload, multiple upload, chooser upload,
replacing an image's file) from the class named by ``WAGTAILIMAGES_IMAGE_FORM_BASE``,
always with its own ``WagtailImageField`` for the file. That field's ``to_python``
fully decodes the upload with every Pillow plugin before comparing the pixel count
with ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``, and lets the ``OSError`` of a truncated file
escape as a server error, so a ``clean_file()`` method, which runs after it, would
come too late. Our check therefore runs at the start of the field's ``to_python``,
and Wagtail's own checks then see only the re-encoded file.
"""

from django.core.files.uploadedfile import UploadedFile

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from shops.uploads.images import image_upload_clean


class SafeImageField(WagtailImageField):
    def to_python(self, data):
        # Anything but a new upload is the stored file, which already came this way.
        if isinstance(data, UploadedFile):
            _replace_content(data, image_upload_clean(data))
        return super().to_python(data)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's factory forces its field through ``formfield_callback``, and a
        # declared field would survive the ``exclude`` of the multiple uploader's
        # edit form, so the form's own copy of the field changes class instead:
        # label, widget, help text and messages stay exactly as Wagtail made them.
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = SafeImageField


def _replace_content(upload: UploadedFile, clean: UploadedFile) -> None:
    """Put the re-encoded bytes in the upload object itself, not just in the form.

    Wagtail's multiple uploader keeps ``request.FILES`` at hand: when a field other
    than the file fails (a title too long, say), it stores that object as a
    ``wagtail.models.UploadedFile`` and later turns it into the image, never asking
    the form for its cleaned file. Rewriting the object means there are no original
    bytes left for any code path to store.
    """
    content = clean.read()
    upload.file.seek(0)
    upload.file.truncate()
    upload.file.write(content)
    upload.file.flush()
    upload.file.seek(0)
    upload.name = clean.name
    upload.size = len(content)
    upload.content_type = clean.content_type
