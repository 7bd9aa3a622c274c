"""The admin's image form: the same content checks as the public form, shown in French."""

import willow
from django.forms.fields import FileField
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from media.models import Licence
from media.sanitise import image_pixel_limits_sentence, inspect_image, sanitise_image


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with our bounded check in place of its full decoding.

    Wagtail's own pixel check decodes the whole picture through Willow before any form
    ``clean_*`` runs: a truncated JPEG raised ``OSError`` there (a 500), and an accepted
    photo cost its full size in memory in the web process. Here the header limits and a
    reduced read of the data (``inspect_image``) come first, with French messages."""

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if upload is None:
            return None
        inspect_image(upload)
        # Willow only identifies the format from the first bytes here; nothing is decoded.
        upload.image = willow.Image.open(upload)
        upload.content_type = upload.image.mime_type
        upload.seek(0)
        self.check_image_file_size(upload)
        self.check_image_file_format(upload)
        return upload


class SafeImageForm(BaseImageForm):
    """Refuses, next to the file field, what the model would refuse on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = SafeImageField(
                label=field.label,
                required=field.required,
                help_text=f"{field.help_text} {image_pixel_limits_sentence()}",
            )
        # The multiple uploader posts only the file: without a licence it would park the
        # raw upload (GPS and all) in a temporary file instead of cleaning it at once.
        if "licence" in self.fields:
            self.fields["licence"].required = False

    def clean_licence(self):
        return self.cleaned_data.get("licence") or Licence.CC_BY

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload is not getattr(self, "original_file", None):
            # Cleaned once, here, so that a photo the decoder refuses is refused at the field;
            # the model keeps this clean copy instead of decoding the upload a second time.
            clean = sanitise_image(upload)
            self.instance._clean_file_name = clean.content.name
            return clean.content
        return upload
