"""Demo content of the archive: about two hundred memories, photos and objects in French."""

import random
from collections.abc import Iterator

from wagtail.models import Page

from archive.models import (
    ArchiveCollection,
    ArchiveIndexPage,
    ArchiveItemPage,
    ItemSource,
    Place,
    PlaceKind,
    Theme,
)
from media.demo import demo_image
from media.demo_text import capitalise, place_where, place_with, with_article

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

# The phrase used in titles, then the place as the archive knows it (approximate positions).
PLACE_DATA = {
    "la Base 11/19": (
        "Base 11/19",
        "base-11-19",
        PlaceKind.PIT,
        50.4574,
        2.7930,
        "Fosse 11/19\nLe 11/19",
        "L'ancien siège d'extraction, devenu lieu de culture.",
    ),
    "la fosse 11/19": (
        "Base 11/19",
        "base-11-19",
        PlaceKind.PIT,
        50.4574,
        2.7930,
        "",
        "",
    ),
    "les terrils jumeaux": (
        "Terrils jumeaux du 11/19",
        "terrils-jumeaux",
        PlaceKind.SLAG_HEAP,
        50.4612,
        2.7868,
        "Les jumeaux\nTerrils 74 et 74A",
        "Les plus hauts terrils d'Europe, 186 mètres.",
    ),
    "l'église Saint-Vaast": (
        "Église Saint-Vaast",
        "eglise-saint-vaast",
        PlaceKind.BUILDING,
        50.4573,
        2.7955,
        "Saint-Vaast",
        "L'église du centre de Loos-en-Gohelle.",
    ),
    "la cité des Provinces": (
        "Cité des Provinces",
        "cite-des-provinces",
        PlaceKind.CITE,
        50.4548,
        2.7895,
        "",
        "Cité minière aux maisons de brique.",
    ),
    "la cité du 11": (
        "Cité du 11",
        "cite-du-11",
        PlaceKind.CITE,
        50.4590,
        2.7905,
        "Cité 11",
        "",
    ),
    "la cité Belgique": (
        "Cité Belgique",
        "cite-belgique",
        PlaceKind.CITE,
        50.4530,
        2.7990,
        "",
        "",
    ),
    "la rue de la Gare": (
        "Rue de la Gare",
        "rue-de-la-gare",
        PlaceKind.STREET,
        50.4560,
        2.7975,
        "",
        "",
    ),
    "la place de la République": (
        "Place de la République",
        "place-de-la-republique",
        PlaceKind.STREET,
        50.4569,
        2.7948,
        "",
        "",
    ),
    "le carreau de la fosse 12": (
        "Fosse 12",
        "fosse-12",
        PlaceKind.PIT,
        50.4480,
        2.8010,
        "Carreau du 12",
        "",
    ),
    "l'école Jules-Ferry": (
        "École Jules-Ferry",
        "ecole-jules-ferry",
        PlaceKind.BUILDING,
        50.4580,
        2.7960,
        "",
        "",
    ),
    "la salle des fêtes": (
        "Salle des fêtes",
        "salle-des-fetes",
        PlaceKind.BUILDING,
        50.4565,
        2.7940,
        "",
        "",
    ),
}

THEMES = [
    ("Le travail au fond", "travail-au-fond", ("remonte", "descendu", "lampe", "berline", "paie")),
    ("Fêtes et traditions", "fetes-et-traditions", ("Sainte-Barbe", "ducasse", "bal")),
    ("La vie dans les cités", "vie-dans-les-cites", ("lavoirs", "jardins", "pigeons", "coron")),
    ("Grèves et luttes", "greves-et-luttes", ("grève",)),
    ("L'école", "ecole", ("classe", "école")),
    ("Paysages miniers", "paysages-miniers", ("chevalement", "terril", "carreau")),
    ("Décorations et médailles", "medailles", ("médaille",)),
]

COLLECTIONS = [
    ("Gohelliades 1984", "gohelliades-1984", "Photographies et récits de la première édition."),
    (
        "Ch'ti TAIDx 2019",
        "chti-taidx-2019",
        "Les habitants racontent les projets portés avec la ville.",
    ),
    ("Fonds de la famille Wiart", "fonds-famille-wiart", "Trois générations de mineurs."),
    ("Fonds de l'association Mémoire 11/19", "fonds-memoire-11-19", "Le fonds de l'association."),
]

# A title, the kind of item, and its drawing (``media.demo.DRAWINGS``). In titles, {who} is a
# person, {of_who} « de » that person, {place} a place with its article, {where} the natural
# "there" (« sur les terrils jumeaux »), {at_place} / {of_place} « à » / « de » it, contracted.
SUBJECTS = [
    ("Après le poste de nuit, le retour {of_who}", "memory", "portrait"),
    ("Le jour de la Sainte-Barbe {where}", "memory", "stage"),
    ("Photo de classe devant {place}", "photo", "class"),
    ("Le linge du coron, près {of_place}", "photo", "washing"),
    ("La lampe {of_who}", "object", "object:lamp"),
    ("Le carnet de paie {of_who}", "object", "object:book"),
    ("Souvenir de la ducasse {where}", "memory", "table"),
    ("Le chevalement vu depuis {place}", "photo", "landscape"),
    ("Les jardins ouvriers près {of_place}", "photo", "gardens"),
    ("À la fosse, le premier jour {of_who}", "memory", "portrait"),
    ("La grève de l'hiver {at_place}", "memory", "landscape"),
    ("Le bal de la fanfare {at_place}", "photo", "stage"),
    ("Les pigeons voyageurs {of_who}", "memory", "object:pigeon"),
    ("La dernière berline, exposée {where}", "photo", "cart"),
    ("La médaille du travail {of_who}", "object", "object:medal"),
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

# What each drawing shows, for its text alternative.
MOTIF_DESCRIPTIONS = {
    "portrait": "portrait en silhouette",
    "stage": "la fanfare sur une estrade, le public devant",
    "class": "deux rangs d'enfants devant l'école",
    "washing": "du linge étendu entre les maisons du coron",
    "object:lamp": "une lampe de mineur posée sur une table",
    "object:book": "un carnet ouvert sur une table",
    "table": "une grande table dressée dans la rue, les voisins autour",
    "landscape": "un chevalement et les terrils au-dessus des maisons de la cité",
    "gardens": "des rangs de poireaux et une cabane de jardin",
    "object:pigeon": "un pigeon voyageur",
    "cart": "une berline sur ses rails devant un chevalement",
    "object:medal": "une médaille et son ruban",
}

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


def ensure_places() -> dict[str, Place]:
    """Create the demo places; return them by the phrase titles use."""
    places: dict[str, Place] = {}
    for phrase, (name, slug, kind, lat, lng, alternatives, description) in PLACE_DATA.items():
        place = Place.objects.filter(slug=slug).first()
        if place is None:
            place = Place.objects.create(
                name=name,
                slug=slug,
                kind=kind,
                latitude=lat,
                longitude=lng,
                alternative_names=alternatives,
                description=description,
            )
        places[phrase] = place
    return places


def ensure_themes() -> list[tuple[Theme, tuple[str, ...]]]:
    themes = []
    for name, slug, words in THEMES:
        theme, _created = Theme.objects.get_or_create(slug=slug, defaults={"name": name})
        themes.append((theme, words))
    return themes


def ensure_collections() -> list[ArchiveCollection]:
    return [
        ArchiveCollection.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for name, slug, description in COLLECTIONS
    ]


def _classify(
    item: ArchiveItemPage,
    *,
    number: int,
    place: Place,
    themes: list[tuple[Theme, tuple[str, ...]]],
    collections: list[ArchiveCollection],
) -> None:
    """Attach place, themes and (for some) a collection, from what the title says."""
    item.places = [place]
    matching = [theme for theme, words in themes if any(w in item.title for w in words)]
    item.themes = matching or [themes[0][0]]
    item.collection = collections[number % len(collections)] if number % 4 == 0 else None
    item.source = ItemSource.CONTRIBUTION if number % 3 else ItemSource.DONATION


def ensure_archive_index(home: Page) -> ArchiveIndexPage:
    """The archive under ``home`` (the site's home page, which the orchestrator made)."""
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


def item_title(subject: str, *, place: str, who: str) -> str:
    """The subject written out, articles and prepositions agreed (« aux terrils »)."""
    return capitalise(
        subject.format(
            who=who,
            of_who=place_with("de", who),
            place=with_article(place),
            where=place_where(place),
            at_place=place_with("à", place),
            of_place=place_with("de", place),
        )
    )


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
    places = ensure_places()
    themes = ensure_themes()
    collections = ensure_collections()
    previous: ArchiveItemPage | None = None
    for number in range(1, count + 1):
        slug = f"souvenir-{number:03d}"
        subject, kind, motif = rng.choice(SUBJECTS)
        place = rng.choice(PLACES)
        who = rng.choice(WHO)
        date_label, year_start, year_end = _date_for(rng)
        paragraphs = rng.sample(SENTENCES, 4)
        item = ArchiveItemPage.objects.filter(slug=slug).first()
        if item is None:
            title = item_title(subject, place=place, who=who)
            cover = demo_image(
                title=title,
                alt_text=f"{title} : {MOTIF_DESCRIPTIONS[motif]}.",
                seed=number,
                sepia=year_start < 1975,
                credit=rng.choice(CONTRIBUTORS),
                date_taken=date_label,
                motif=motif,
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
            _classify(
                item, number=number, place=places[place], themes=themes, collections=collections
            )
            if previous is not None and number % 5 == 0:
                item.related_items = [previous]
            item.save_revision().publish()
        elif not item.places.exists():
            # Items made before places existed: classify them once, by what the title says.
            said = next((p for p in PLACES if p.split(" ", 1)[1] in item.title), place)
            _classify(
                item, number=number, place=places[said], themes=themes, collections=collections
            )
            item.save_revision().publish()
        previous = item
        yield item
