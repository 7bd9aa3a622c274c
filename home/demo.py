"""Demo content of the home app: the site's root, the institutional pages, the footer."""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from home.models import FooterSettings, HomePage, StandardPage

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "gohelle-1984"  # noqa: S105  (demo only; load_demo_data refuses production)

HOME_INTRO = (
    "<p>À Loos-en-Gohelle, la mémoire de la mine se raconte à plusieurs voix. "
    "Depuis 1984, les <b>Gohelliades</b> font de chaque habitant un acteur de cette histoire.</p>"
)

STANDARD_PAGES = {
    "a-propos": (
        "À propos",
        "Une plateforme faite avec les habitants, pour garder vivante la mémoire du bassin minier.",
        [
            ("heading", "Habitants-acteurs"),
            (
                "paragraph",
                "<p>Après la fermeture des puits, Loos-en-Gohelle s'est reconstruite par la "
                "culture et la participation. Cette plateforme rassemble les souvenirs confiés "
                "par les habitants, le programme du festival et les appels aux bénévoles.</p>",
            ),
            (
                "paragraph",
                "<p>Chaque contribution reste la propriété de la personne qui la confie : elle "
                "choisit comment son nom apparaît, ce qu'on peut faire de son souvenir, et peut "
                "le retirer à tout moment.</p>",
            ),
        ],
    ),
    "mentions-legales": (
        "Mentions légales",
        "Qui édite ce site, qui l'héberge, et à qui s'adresser.",
        [
            ("heading", "Éditeur"),
            (
                "paragraph",
                "<p>Ville de Loos-en-Gohelle, place de la République, 62750 Loos-en-Gohelle. "
                "Directeur de la publication : le maire.</p>",
            ),
            ("heading", "Propriété intellectuelle"),
            (
                "paragraph",
                "<p>Les contenus de l'archive sont publiés sous la licence choisie par leur "
                "auteur, indiquée sur chaque élément.</p>",
            ),
        ],
    ),
    "confidentialite": (
        "Politique de confidentialité",
        "Quelles données nous gardons, pourquoi, combien de temps, et vos droits.",
        [
            ("heading", "Ce que nous gardons"),
            (
                "paragraph",
                "<p>Pour une contribution : votre adresse e-mail (jamais affichée), le nom "
                "sous lequel vous choisissez d'apparaître et votre consentement. Pour les "
                "bénévoles : nom, e-mail, téléphone facultatif, effacés après le festival sauf "
                "si vous souhaitez être recontacté.</p>",
            ),
            ("heading", "Vos droits"),
            (
                "paragraph",
                "<p>Vous pouvez consulter, corriger ou retirer vos contributions à tout moment "
                "grâce au lien personnel reçu par e-mail (RGPD, articles 15 à 21).</p>",
            ),
        ],
    ),
    "accessibilite": (
        "Déclaration d'accessibilité",
        "La Ville de Loos-en-Gohelle s'engage à rendre ce site accessible à toutes et à tous, "
        "conformément à l'article 47 de la loi du 11 février 2005.",
        [
            (
                "paragraph",
                "<p>Cette déclaration s'applique au site des mémoires et du festival. Ce qui "
                "suit est tenu à jour à partir des vérifications que le site passe à chaque "
                "modification.</p>",
            ),
        ],
    ),
}


def ensure_home_page() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Mémoires et festival de Loos-en-Gohelle",
            slug="accueil",
            intro=HOME_INTRO,
        )
    )
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    welcome = site.root_page if site else None
    if site:
        site.root_page = home
        site.hostname = "localhost"
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    if welcome and welcome.specific_class is Page:
        welcome.delete()
    return home


def ensure_standard_pages(home: HomePage) -> dict[str, StandardPage]:
    pages = {}
    for slug, (title, intro, body) in STANDARD_PAGES.items():
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=title, slug=slug, intro=intro, body=body, show_in_menus=slug == "a-propos"
                )
            )
            page.save_revision().publish()
        pages[slug] = page
    site = Site.objects.get(is_default_site=True)
    footer = FooterSettings.for_site(site)
    footer.contact_email = footer.contact_email or "memoire@loos-en-gohelle.fr"
    footer.legal_page = pages["mentions-legales"]
    footer.privacy_page = pages["confidentialite"]
    footer.accessibility_page = pages["accessibilite"]
    footer.save()
    return pages


def ensure_demo_admin() -> tuple[str, str]:
    user_model = get_user_model()
    if not user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        user_model.objects.create_superuser(
            DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD
        )
    return DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD
