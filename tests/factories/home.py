import factory
import wagtail_factories
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Mémoires et festival de Loos-en-Gohelle"
    slug = "accueil"
    intro = "<p>La mémoire de la mine, à plusieurs voix.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "Une page d'information."
    body = factory.LazyFunction(
        lambda: [("heading", "Intertitre"), ("paragraph", "<p>Du texte.</p>")]
    )

    class Meta:
        model = StandardPage


def site_with_home(**home_fields) -> HomePage:
    """A HomePage as the default site's root, as a fresh install after the demo has it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, **home_fields)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home
