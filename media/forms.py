"""The admin's image form: the same content checks as the public form, shown in French."""

from wagtail.images.forms import BaseImageForm

from media.models import Licence
from media.sanitise import sanitise_image


class SafeImageForm(BaseImageForm):
    """Refuses, next to the file field, what the model would refuse on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The multiple uploader posts only the file: without a licence it would park the
        # raw upload (GPS and all) in a temporary file instead of cleaning it at once.
        if "licence" in self.fields:
            self.fields["licence"].required = False

    def clean_licence(self):
        return self.cleaned_data.get("licence") or Licence.CC_BY

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload is not getattr(self, "original_file", None):
            try:
                sanitise_image(upload)
            finally:
                if hasattr(upload, "seek"):
                    upload.seek(0)
        return upload
