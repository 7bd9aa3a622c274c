"""What the accessibility statement says about how the site is checked, in one place: the page
types the automated checks cover are the list the tests walk (``tests/config/test_html_validity``
validates each with the W3C Nu checker, the browser tests run axe-core on them), so the
statement cannot promise a check the suite does not make.

The RGAA asks a statement for: the compliance level, the date and method of the assessment,
the known non-conformities, the derogations, a way to report a difficulty and the recourse to
the Défenseur des droits. The editor writes the page's introduction; this adds the rest."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CheckedPageType:
    key: str
    label: str


# The public page types every change of the code is checked on (Nu checker and axe-core).
CHECKED_PAGE_TYPES = [
    CheckedPageType("home", _("la page d'accueil")),
    CheckedPageType("archive_index", _("l'archive et ses listes (thèmes, lieux, décennies)")),
    CheckedPageType("archive_item", _("une pièce de l'archive, photo ou souvenir")),
    CheckedPageType("oral_history", _("un témoignage oral et sa transcription")),
    CheckedPageType("search", _("la recherche et ses résultats")),
    CheckedPageType("festival", _("le festival, une édition, son programme et un événement")),
    CheckedPageType("volunteering", _("l'inscription à un créneau de bénévole")),
    CheckedPageType("contribution", _("le formulaire de contribution à l'archive")),
    CheckedPageType("projects", _("les projets fifty-fifty, leur bilan et la proposition")),
    CheckedPageType("talks", _("le Ch'ti TAIDx, une soirée et une intervention")),
    CheckedPageType("prose", _("les pages d'information (mentions légales, confidentialité)")),
]

COMPLIANCE_LEVEL = _("partiellement conforme")
STANDARD = _("RGAA 4.1 (WCAG 2.1 niveaux A et AA)")

METHOD = _(
    "Vérifications automatiques à chaque modification du code : validation HTML par le "
    "vérificateur Nu du W3C et contrôle axe-core dans un vrai navigateur, sur téléphone et sur "
    "ordinateur ; parcours complets au clavier dans les tests de navigateur. Aucun audit "
    "manuel complet par un auditeur indépendant n'a encore été mené."
)

KNOWN_NON_CONFORMITIES = [
    _(
        "Les documents PDF produits par le site (conventions fifty-fifty) ne sont pas des PDF "
        "balisés : leur contenu est aussi donné en page web sur le suivi du projet."
    ),
    _(
        "Les vidéos confiées par les habitants n'ont pas toutes de sous-titres ; les "
        "témoignages oraux ont une transcription horodatée."
    ),
    _(
        "Les cartes montrent des repères dont la liste textuelle est donnée à côté ; le fond de "
        "carte n'a pas d'équivalent textuel."
    ),
]

DEROGATIONS = [
    _(
        "Les documents d'archive numérisés (photographies anciennes, coupures de presse, "
        "lettres) confiés par les habitants sont publiés comme images : leur transcription "
        "intégrale représenterait une charge disproportionnée. Leur description les résume "
        "et une transcription est fournie sur demande."
    ),
]

OUT_OF_SCOPE = [
    _("L'interface d'administration, réservée à l'équipe de la ville."),
]

RECOURSE = [
    _("écrire un message au Défenseur des droits (formulaire en ligne sur son site) ;"),
    _("contacter le délégué du Défenseur des droits dans votre région ;"),
    _(
        "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des "
        "droits, Libre réponse 71120, 75342 Paris CEDEX 07."
    ),
]


def accessibility_statement() -> dict:
    """The statement's sections, for the accessibility page's template."""
    return {
        "compliance_level": COMPLIANCE_LEVEL,
        "standard": STANDARD,
        "method": METHOD,
        "checked_page_types": CHECKED_PAGE_TYPES,
        "known_non_conformities": KNOWN_NON_CONFORMITIES,
        "derogations": DEROGATIONS,
        "out_of_scope": OUT_OF_SCOPE,
        "recourse": RECOURSE,
    }
