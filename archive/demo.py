"""Demo content of the archive: about two hundred memories, photos and objects in French."""

import random
from collections.abc import Iterator

from archive.models import ArchiveIndexPage, ArchiveItemPage, ItemKind
from home.models import HomePage
from media.demo import demo_image

PLACES = [
    "la Base 11/19",
    "la fosse 11/19",
    "les terrils jumeaux",
    "l'église Saint-Vaast",
    "la cité des Provinces",
    "la cité du 11",
    "la cité Belgique",
    "la rue de la Gare",
    "la place de la République",
    "le carreau de la fosse 12",
    "l'école Jules-Ferry",
    "la salle des fêtes",
]

SUBJECTS = [
    ("La remonte de {who} après le poste de nuit", "memory"),
    ("Le jour de la Sainte-Barbe à {place}", "memory"),
    ("Photo de classe devant {place}", "photo"),
    ("Les lavoirs du coron, {place}", "photo"),
    ("La lampe de {who}", "object"),
    ("Le carnet de paie de {who}", "object"),
    ("Souvenir de la ducasse sur {place}", "memory"),
    ("Le chevalement vu depuis {place}", "photo"),
    ("Les jardins ouvriers près de {place}", "photo"),
    ("Quand {who} est descendu pour la première fois", "memory"),
    ("La grève de l'hiver à {place}", "memory"),
    ("Le bal de la fanfare à {place}", "photo"),
    ("Les pigeons voyageurs de {who}", "memory"),
    ("La dernière berline sortie de {place}", "photo"),
    ("La médaille du travail de {who}", "object"),
]

WHO = [
    "mon grand-père Marcel",
    "mon père",
    "l'oncle Stanislas",
    "Jeannine, la lampiste",
    "le galibot Henri",
    "ma mère Paulette",
    "le porion Kowalski",
    "Ahmed, mineur de fond",
    "tante Irène",
    "Lucien, l'accordéoniste",
]

SENTENCES = [
    "On entendait la sirène de la fosse depuis toute la cité.",
    "Le dimanche, les familles montaient sur le terril pour voir jusqu'à Lens.",
    "Ma grand-mère lavait les bleus de travail chaque soir dans la cour.",
    "Les enfants jouaient aux billes entre les maisons en brique.",
    "Au café, les mineurs parlaient polonais, français et ch'ti à la même table.",
    "La poussière de charbon entrait partout, même dans le pain.",
    "À la Sainte-Barbe, la fanfare défilait jusqu'à l'église Saint-Vaast.",
    "Quand la fosse a fermé, le silence est tombé sur le quartier.",
    "Le porion connaissait chaque galerie comme sa poche.",
    "On partageait le briquet, le casse-croûte du fond, avec les copains.",
    "Les terrils fumaient encore l'hiver, on disait qu'ils respiraient.",
    "Chaque maison avait son jardin, ses poireaux et ses lapins.",
]

DECADES = [1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000]

CONTRIBUTORS = [
    "Marie D.",
    "Jean-Pierre L.",
    "Famille Wiart",
    "Association Mémoire 11/19",
    "Bernadette",
    "Anonyme",
    "Club photo de Loos",
    "Rachid B.",
]


def ensure_archive_index(home: HomePage) -> ArchiveIndexPage:
    index = ArchiveIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ArchiveIndexPage(
                title="L'archive des mémoires",
                slug="archive",
                show_in_menus=True,
                intro="Souvenirs, photographies, objets et témoignages confiés par les "
                "habitants du bassin minier.",
            )
        )
        index.save_revision().publish()
    return index


def _contract(text: str) -> str:
    """French contractions the templates produce: « de les » is « des », « à le » is « au »."""
    for loose, contracted in (
        ("de les ", "des "),
        ("de le ", "du "),
        ("à les ", "aux "),
        ("à le ", "au "),
    ):
        text = text.replace(loose, contracted)
    return text[0].upper() + text[1:]


def _date_for(rng: random.Random) -> tuple[str, int, int]:
    decade = rng.choice(DECADES)
    style = rng.random()
    if style < 0.35:
        year = decade + rng.randint(0, 9)
        return str(year), year, year
    if style < 0.6:
        return f"années {decade}", decade, decade + 9
    year = decade + rng.randint(0, 9)
    return f"vers {year}", year - 2, year + 2


def ensure_items(index: ArchiveIndexPage, *, count: int = 200) -> Iterator[ArchiveItemPage]:
    """Create the missing demo items one by one, yielding each for progress display."""
    rng = random.Random(1984)
    for number in range(1, count + 1):
        slug = f"souvenir-{number:03d}"
        subject, kind = rng.choice(SUBJECTS)
        place = rng.choice(PLACES)
        who = rng.choice(WHO)
        date_label, year_start, year_end = _date_for(rng)
        paragraphs = rng.sample(SENTENCES, 4)
        item = ArchiveItemPage.objects.filter(slug=slug).first()
        if item is None:
            title = _contract(subject.format(place=place, who=who))
            cover = None
            if kind in (ItemKind.PHOTO, ItemKind.OBJECT) or number % 3 == 0:
                cover = demo_image(
                    title=title,
                    alt_text=f"{title} : vue d'un terril et des maisons de la cité.",
                    seed=number,
                    sepia=year_start < 1975,
                    credit=rng.choice(CONTRIBUTORS),
                    date_taken=date_label,
                )
            item = index.add_child(
                instance=ArchiveItemPage(
                    title=title,
                    slug=slug,
                    kind=kind,
                    summary=paragraphs[0],
                    story=[("paragraph", f"<p>{' '.join(paragraphs[1:])}</p>")],
                    date_label=date_label,
                    year_start=year_start,
                    year_end=year_end,
                    cover_image=cover,
                    credit=rng.choice(CONTRIBUTORS),
                    featured=number % 25 == 0,
                )
            )
            item.save_revision().publish()
        yield item
