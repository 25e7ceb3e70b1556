"""The photo file field of the shop editor's rows, on the same gate as Wagtail's.

Apart from ``shops.uploads.forms`` because page models import it: Wagtail's image
forms cannot be imported while the models are still loading.
"""

from django import forms

from shops.uploads.images import image_upload_clean


class PhotoFileField(forms.FileField):
    """A photo file outside Wagtail's image forms (a product row's), same gate.

    The cleaned value is the re-encoded copy, never the bytes that were sent.
    ``accept`` lists the formats the gate takes: a phone then offers its camera
    and gallery, and converts its own HEIC photos to JPEG before sending them.
    """

    widget = forms.FileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp", "class": "photo-file"}
    )

    def to_python(self, data):
        data = super().to_python(data)
        return image_upload_clean(data) if data else data
