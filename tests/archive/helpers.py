"""What an editor does in the admin between two steps of a test."""

from archive.models import Contribution
from media.models import CustomImage


def describe_photos(contribution: Contribution, *, text: str = "") -> None:
    """Write the alt text of each photo ``contribution`` brought, as an editor does in the
    image library before approving (contributed photos arrive without one)."""
    for number, image in enumerate(
        CustomImage.objects.filter(pk__in=contribution.files.values("image")).order_by("pk"),
        start=1,
    ):
        image.description = text or f"Photo {number} : des mineurs devant le chevalement."
        image.save()
