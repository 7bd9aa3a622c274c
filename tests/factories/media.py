import factory
import wagtail_factories

from media.models import CustomImage, Licence


class CustomImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = factory.LazyAttribute(lambda o: f"Vue du terril, {o.title}")
    credit = "Club photo de Loos"
    licence = Licence.CC_BY

    class Meta:
        model = CustomImage
