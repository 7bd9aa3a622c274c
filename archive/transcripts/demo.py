"""Demo oral histories and Ch'ti TAIDx talks, with their sound made here by espeak-ng.

The people are invented; their words are what miners and residents of the basin tell. Each
recording is a WAV generated at load time and stored through ``media_file_create``, checked
like an upload. The 70-minute interview is two tapes of the right length with speech at the
start of each chapter (synthesising an hour of speech would make the demo slow); the shorter
ones are spoken from end to end, their segments timed on the speech itself. Without
espeak-ng the recordings are silent, of the same lengths, and the loader says so."""

import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from archive.demo import ensure_collections, ensure_places, ensure_themes
from archive.models import (
    ArchiveIndexPage,
    ArchiveItemPage,
    IndexSegment,
    Interview,
    ItemKind,
    ItemSource,
    Tape,
)
from archive.transcripts.services import transcript_import
from media.services import media_file_create
from media.timecodes import Cue
from media.webvtt import to_webvtt

RATE = 8000  # telephone quality, 8 bits: the 70 minutes stay near 34 MB
SILENCE = b"\x80"
GAP_MS = 700  # breath between two speakers
CHARS_PER_SECOND = 14  # speech speed, to time segments when there is no voice to measure
INTERVIEWER = "Claire M."
TAIDX_SLUG = "chti-taidx-2019"


@dataclass(frozen=True)
class Chapter:
    """An index chapter and what is said in it; ``start`` in ms for the long interview."""

    title: str
    synopsis: str
    keywords: str
    places: tuple[str, ...]
    turns: tuple[tuple[str, str], ...]
    start: int | None = None


@dataclass(frozen=True)
class OralHistory:
    slug: str
    title: str
    summary: str
    story: str
    speakers_note: str
    date_label: str
    places: tuple[str, ...]
    themes: tuple[str, ...]
    collection: str
    credit: str
    chapters: tuple[Chapter, ...]
    # "spoken": one tape spoken from end to end; "long": tapes of these lengths (ms) with
    # speech at each chapter; "none": a transcript without any recording.
    recording: str = "spoken"
    tapes: tuple[tuple[str, int], ...] = ()
    end: int | None = None
    source: str = ItemSource.DONATION


def _ms(hours: int, minutes: int, seconds: int = 0) -> int:
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


RENE = "René D."

LONG_INTERVIEW = OralHistory(
    slug="temoignage-rene-d-quarante-ans-au-fond",
    title="René D., quarante ans au fond de la fosse 11/19",
    summary="Entré à la mine à quatorze ans comme galibot, René D. raconte l'embauche, le "
    "travail au fond, la peur, les grèves, les fêtes et la fermeture de la fosse en 1986.",
    story="<p>Entretien enregistré en 2009 sur deux cassettes par l'association Mémoire 11/19, "
    "chez René D., à la cité des Provinces. René a relu la transcription et accepté sa "
    "diffusion. Les noms des camarades cités sont abrégés à la demande de leurs familles.</p>",
    speakers_note="René D., ancien mineur de fond (1945-1986) ; Claire M., intervieweuse",
    date_label="2009",
    places=("la fosse 11/19", "la cité des Provinces"),
    themes=("travail-au-fond", "greves-et-luttes", "fetes-et-traditions"),
    collection="fonds-memoire-11-19",
    credit="Association Mémoire 11/19",
    recording="long",
    tapes=(("Cassette 1", _ms(0, 38)), ("Cassette 2", _ms(0, 32))),
    end=_ms(1, 10),
    chapters=(
        Chapter(
            start=0,
            title="Présentation et enfance à la cité",
            synopsis="René se présente, parle de ses parents et de son enfance dans une "
            "maison de la compagnie, entre le jardin, l'école et la sirène de la fosse.",
            keywords="enfance, famille, coron, jardin",
            places=("la cité des Provinces",),
            turns=(
                (
                    INTERVIEWER,
                    "Nous sommes le douze mars deux mille neuf, chez René, à la "
                    "cité des Provinces. René, pouvez-vous vous présenter ?",
                ),
                (
                    RENE,
                    "Je m'appelle René, je suis né en mille neuf cent trente et un, ici, "
                    "dans la maison d'à côté. Mon père était piqueur à la fosse onze, ma mère "
                    "venait de Belgique, elle faisait des ménages chez l'ingénieur.",
                ),
                (INTERVIEWER, "Comment était la maison de votre enfance ?"),
                (
                    RENE,
                    "Deux pièces en bas, deux en haut, le cabinet au fond de la cour. On "
                    "était six enfants. La compagnie donnait le logement et le charbon, alors "
                    "on avait chaud l'hiver, ça, je ne peux pas dire le contraire.",
                ),
                (
                    RENE,
                    "Derrière, il y avait le jardin. Mon père y passait tout son temps "
                    "quand il remontait : les poireaux, les pommes de terre, les lapins. Le "
                    "jardin, c'était la fierté, on regardait celui du voisin par-dessus la haie.",
                ),
                (INTERVIEWER, "Et l'école ?"),
                (
                    RENE,
                    "L'école des filles d'un côté, celle des garçons de l'autre. Le maître "
                    "nous disait : travaillez, sinon ce sera la fosse. Et puis la fosse, elle "
                    "nous attendait tous quand même. On entendait sa sirène depuis la classe.",
                ),
            ),
        ),
        Chapter(
            start=_ms(0, 6, 30),
            title="L'embauche à quatorze ans",
            synopsis="Le certificat d'études, l'embauche comme galibot en 1945, la première "
            "descente dans la cage et le premier salaire remis à la mère.",
            keywords="galibot, embauche, certificat d'études, cage, salaire",
            places=("la fosse 11/19",),
            turns=(
                (INTERVIEWER, "À quel âge êtes-vous entré à la mine ?"),
                (
                    RENE,
                    "À quatorze ans, en quarante-cinq, juste après le certificat d'études. "
                    "Mon père m'a emmené au bureau de la fosse un lundi matin. Le chef m'a "
                    "regardé les mains et il a dit : celui-là, il est bon pour le triage.",
                ),
                (
                    RENE,
                    "J'ai d'abord trié les pierres sur les tapis, au jour, avec les femmes "
                    "et les vieux. Le bruit, la poussière, on ne s'entendait pas. Au bout de "
                    "six mois, on m'a fait galibot, et là je suis descendu.",
                ),
                (INTERVIEWER, "Vous vous souvenez de la première descente ?"),
                (
                    RENE,
                    "Comme si c'était hier. La cage tombe d'un coup, on a l'estomac dans "
                    "la gorge, les oreilles qui sifflent. Six cents mètres. En bas, il faisait "
                    "chaud, ça sentait le cheval et la poudre. Un vieux m'a pris par l'épaule "
                    "et m'a dit : reste derrière moi, petit, et fais ce que je fais.",
                ),
                (INTERVIEWER, "Et votre première paie ?"),
                (
                    RENE,
                    "Je l'ai donnée à ma mère, l'enveloppe fermée, comme tout le monde. "
                    "Elle m'a rendu de quoi aller au cinéma le dimanche. C'était ça, devenir "
                    "un homme, chez nous.",
                ),
            ),
        ),
        Chapter(
            start=_ms(0, 14, 20),
            title="Le travail au fond",
            synopsis="Galibot puis piqueur : l'abattage au marteau-piqueur, le boisage, les "
            "berlines, les chevaux du fond et le briquet partagé entre camarades.",
            keywords="piqueur, marteau-piqueur, boisage, berline, chevaux, briquet",
            places=("la fosse 11/19",),
            turns=(
                (INTERVIEWER, "Qu'est-ce que faisait un galibot ?"),
                (
                    RENE,
                    "On accrochait les berlines, on ouvrait les portes d'aérage, on "
                    "conduisait les chevaux. J'avais un cheval qui s'appelait Bijou. Il "
                    "connaissait le chemin mieux que moi, il s'arrêtait tout seul aux aiguillages.",
                ),
                (
                    RENE,
                    "Les chevaux vivaient en bas, dans les écuries du fond. Ils ne "
                    "remontaient qu'une fois par an, pour les congés. Quand ils voyaient le "
                    "jour, ils devenaient fous, ils couraient dans la pâture. Ça, je ne "
                    "l'oublierai jamais.",
                ),
                (INTERVIEWER, "Et ensuite, piqueur ?"),
                (
                    RENE,
                    "À vingt ans, piqueur. On abattait le charbon au marteau-piqueur, "
                    "couché dans des veines de soixante centimètres. Derrière, il fallait "
                    "boiser, poser les bois pour tenir le toit. Un bon boiseur, c'était la vie "
                    "de toute l'équipe.",
                ),
                (
                    RENE,
                    "On était payés à la tâche, au mètre. Alors on ne traînait pas. Mais "
                    "le porion passait, il tapait sur les bois avec son bâton, et si ça "
                    "sonnait mal, on recommençait, même si ça coûtait la journée.",
                ),
                (INTERVIEWER, "Comment se passait la pause ?"),
                (
                    RENE,
                    "Le briquet, c'est le casse-croûte : deux tartines, du fromage ou du "
                    "pâté, et le café dans la gourde en fer. On le mangeait assis sur les "
                    "talons, dans le noir, à la lampe. On partageait avec celui qui n'avait "
                    "rien. Ça ne se discutait pas.",
                ),
            ),
        ),
        Chapter(
            start=_ms(0, 24, 10),
            title="La peur, les accidents et la silicose",
            synopsis="Un coup de grisou évité de justesse, l'éboulement où un camarade a été "
            "blessé, la solidarité des équipes et la silicose qui a pris ses amis.",
            keywords="grisou, éboulement, sécurité, silicose, solidarité",
            places=("la fosse 11/19",),
            turns=(
                (INTERVIEWER, "Est-ce que vous aviez peur ?"),
                (
                    RENE,
                    "Celui qui dit qu'il n'avait pas peur, il ment. On n'en parlait pas, "
                    "c'est tout. La peur, on la laissait à la lampisterie avec son jeton, et "
                    "on la reprenait en remontant.",
                ),
                (
                    RENE,
                    "Une fois, la lampe à flamme du chef a baissé, elle est devenue "
                    "bleue. Le grisou. Il a crié : tout le monde dehors. On a couru dans la "
                    "galerie sans rien dire. Derrière nous, rien n'a sauté, mais on a eu de la "
                    "chance, c'est tout.",
                ),
                (INTERVIEWER, "Vous avez vu des accidents ?"),
                (
                    RENE,
                    "En cinquante-huit, un éboulement dans la taille. Mon camarade Jojo "
                    "a eu les jambes prises sous les pierres. On a creusé avec les mains "
                    "pendant une heure. Il s'en est sorti, il a boité toute sa vie, mais il "
                    "s'en est sorti. Ce jour-là, personne n'a parlé de la tâche.",
                ),
                (
                    RENE,
                    "Le pire, ce n'était pas les accidents. C'était la poussière. La "
                    "silicose, elle vous prend doucement. Mes amis sont partis l'un après "
                    "l'autre, essoufflés, avec la bouteille d'oxygène à côté du fauteuil.",
                ),
                (INTERVIEWER, "Et vous-même ?"),
                (
                    RENE,
                    "J'ai eu de la chance, un peu de silicose, pas trop. Je monte encore "
                    "sur le terril, doucement, en m'arrêtant. Mais je pense à eux chaque fois.",
                ),
            ),
        ),
        Chapter(
            start=_ms(0, 38),
            title="Les grèves de 1948 et de 1963",
            synopsis="Début de la deuxième cassette. Les grandes grèves, les piquets devant "
            "la fosse, les collectes de la population et la fierté d'avoir tenu ensemble.",
            keywords="grève, syndicat, piquet de grève, solidarité, 1948, 1963",
            places=("la place de la République", "la fosse 11/19"),
            turns=(
                (
                    INTERVIEWER,
                    "On reprend sur la deuxième cassette. Vous avez connu les grandes grèves ?",
                ),
                (
                    RENE,
                    "Quarante-huit, j'étais jeune, j'ai surtout vu les gendarmes sur la "
                    "place et mon père qui ne disait plus rien à table. Ça a été dur, très dur, "
                    "il y a eu des renvois, des familles qui ont dû quitter leur maison.",
                ),
                (
                    RENE,
                    "Soixante-trois, c'était autre chose. Tout le bassin s'est arrêté "
                    "pendant plus d'un mois, en plein hiver. Les commerçants faisaient crédit, "
                    "les paysans apportaient des pommes de terre, les écoles de toute la France "
                    "envoyaient des colis pour les enfants de mineurs.",
                ),
                (INTERVIEWER, "Comment tenait-on, sans salaire ?"),
                (
                    RENE,
                    "Par la solidarité, il n'y a pas d'autre mot. On faisait la soupe "
                    "ensemble à la salle, les femmes tenaient les comptes. Ma femme a vendu son "
                    "alliance, elle ne me l'a dit qu'après.",
                ),
                (
                    RENE,
                    "Quand on a repris, on avait gagné une augmentation et la quatrième "
                    "semaine de congés. Mais surtout, on avait appris qu'ensemble on pouvait "
                    "tenir. Ça, les jeunes devraient le savoir.",
                ),
            ),
        ),
        Chapter(
            start=_ms(0, 49, 30),
            title="La Sainte-Barbe et les fêtes",
            synopsis="La fête des mineurs le 4 décembre : la messe à Saint-Vaast, la "
            "fanfare, le banquet, puis la ducasse, les bals et les concours de pigeons.",
            keywords="Sainte-Barbe, fanfare, banquet, ducasse, bal, pigeons",
            places=("l'église Saint-Vaast", "la salle des fêtes"),
            turns=(
                (INTERVIEWER, "Parlez-moi de la Sainte-Barbe."),
                (
                    RENE,
                    "Le quatre décembre, on ne descendait pas. Le matin, la messe à "
                    "Saint-Vaast, l'église pleine, même ceux qui n'y allaient jamais. Puis la "
                    "fanfare défilait jusqu'à la salle des fêtes, et là, le banquet.",
                ),
                (
                    RENE,
                    "J'ai joué du bugle dans la fanfare pendant trente ans. On répétait "
                    "le jeudi soir, après le poste. Ma femme disait que j'aimais plus mon bugle "
                    "qu'elle. Ce n'était pas vrai, mais presque.",
                ),
                (INTERVIEWER, "Et les autres fêtes ?"),
                (
                    RENE,
                    "La ducasse, en été, avec les manèges sur la place, les baraques à "
                    "frites, le tir. Le bal le samedi soir. C'est au bal que j'ai rencontré ma "
                    "femme, en cinquante-trois. Elle dansait mieux que moi, elle me l'a "
                    "rappelé pendant cinquante ans.",
                ),
                (
                    RENE,
                    "Et puis les pigeons. Mon beau-père avait un colombier au fond du "
                    "jardin. Le dimanche, on attendait les pigeons revenus de Belgique, le nez "
                    "en l'air, la montre à la main. Il y avait des disputes terribles au café "
                    "pour une minute de retard.",
                ),
            ),
        ),
        Chapter(
            start=_ms(1, 2, 10),
            title="La fermeture de la fosse",
            synopsis="En 1986, la dernière berline remonte du 11/19. René dit le silence "
            "tombé sur la cité, la tristesse, puis ce que la Base 11/19 est devenue.",
            keywords="fermeture, dernière berline, 1986, silence, reconversion",
            places=("la Base 11/19",),
            turns=(
                (
                    RENE,
                    "Le jour de la fermeture, en quatre-vingt-six, on est tous venus "
                    "voir remonter la dernière berline. Personne ne parlait. Les anciens "
                    "pleuraient, les jeunes aussi, mais ils se cachaient.",
                ),
                (INTERVIEWER, "Qu'est-ce qui a changé, après ?"),
                (
                    RENE,
                    "Le silence. Pendant quarante ans, j'avais entendu la machine "
                    "d'extraction jour et nuit, et d'un coup, plus rien. Ma femme disait "
                    "qu'elle n'arrivait plus à dormir, tellement c'était calme.",
                ),
                (
                    RENE,
                    "On a cru que la ville allait mourir. Et puis les jeunes sont partis "
                    "travailler ailleurs, il a fallu tout réinventer. Aujourd'hui il y a des "
                    "artistes, des chercheurs, des spectacles à la Base onze dix-neuf. Au "
                    "début, ça me faisait drôle. Maintenant, j'y emmène mes petits-enfants.",
                ),
            ),
        ),
        Chapter(
            start=_ms(1, 6),
            title="Ce qu'il veut transmettre",
            synopsis="René parle des terrils devenus paysage, de ses petits-enfants et de "
            "ce qu'il voudrait que l'on garde de la mine : la fraternité plus que la peine.",
            keywords="transmission, mémoire, terrils, petits-enfants, fraternité",
            places=("les terrils jumeaux",),
            turns=(
                (INTERVIEWER, "Qu'aimeriez-vous que l'on retienne ?"),
                (
                    RENE,
                    "Pas la misère. Tout le monde parle de la misère. Moi je voudrais "
                    "qu'on retienne la fraternité. Au fond, on ne demandait pas à l'autre s'il "
                    "était polonais, italien ou marocain. On demandait s'il tenait le bois.",
                ),
                (
                    RENE,
                    "Les terrils, c'est nous qui les avons faits, caillou par caillou. "
                    "Maintenant il y a des arbres, des oiseaux, des gens qui courent dessus le "
                    "dimanche. Je trouve ça beau. C'est notre montagne.",
                ),
                (INTERVIEWER, "Merci, René."),
                (
                    RENE,
                    "C'est moi qui vous remercie. Tant qu'on raconte, ils ne sont pas "
                    "tout à fait partis, les copains.",
                ),
            ),
        ),
    ),
)

JOSEPH = "Joseph W."

SHORT_INTERVIEW = OralHistory(
    slug="temoignage-joseph-w-pigeons-cite-du-11",
    title="Joseph W., les pigeons voyageurs de la cité du 11",
    summary="Fils d'un mineur venu de Pologne, Joseph W. raconte le colombier de son père, "
    "les concours du dimanche et la langue des anciens au café.",
    story="<p>Entretien enregistré en 2012 à la cité du 11 pour l'archive des mémoires. "
    "Joseph W. a choisi que son nom soit abrégé.</p>",
    speakers_note="Joseph W., fils de mineur, colombophile ; Claire M., intervieweuse",
    date_label="2012",
    places=("la cité du 11",),
    themes=("vie-dans-les-cites",),
    collection="",
    credit="Joseph W.",
    chapters=(
        Chapter(
            title="Le colombier du père",
            synopsis="Le père de Joseph, arrivé de Pologne en 1923, construit son colombier "
            "au fond du jardin ; les pigeons comptent autant que la famille.",
            keywords="pigeons, colombier, Pologne, immigration",
            places=("la cité du 11",),
            turns=(
                (INTERVIEWER, "Joseph, d'où vient votre passion des pigeons ?"),
                (
                    JOSEPH,
                    "De mon père. Il est arrivé de Pologne en mille neuf cent "
                    "vingt-trois, pour la mine. La première chose qu'il a construite au fond "
                    "du jardin, avant même le poulailler, c'est le colombier.",
                ),
                (
                    JOSEPH,
                    "Il disait que les pigeons, au moins, savaient toujours rentrer à "
                    "la maison. Lui, il n'est jamais retourné en Pologne.",
                ),
            ),
        ),
        Chapter(
            title="Les concours du dimanche",
            synopsis="Les lâchers en Belgique et dans l'Oise, l'attente dans le jardin, la "
            "constateuse et les disputes au café de la cité.",
            keywords="concours, colombophilie, café, dimanche",
            places=("la cité du 11",),
            turns=(
                (INTERVIEWER, "Comment se passait un concours ?"),
                (
                    JOSEPH,
                    "Le samedi, on portait les paniers au café, où était le siège de "
                    "la société. Un camion les emmenait loin, en Belgique ou dans l'Oise. Le "
                    "dimanche matin, on les lâchait tous ensemble.",
                ),
                (
                    JOSEPH,
                    "Et nous, on attendait dans le jardin, le nez en l'air. Quand le "
                    "pigeon se posait, il fallait l'attraper vite, mettre sa bague dans la "
                    "constateuse, et courir au café. Une seconde, ça comptait.",
                ),
                (
                    JOSEPH,
                    "Au café, ça parlait polonais, français et patois à la même table. "
                    "Les disputes étaient terribles, mais le soir, tout le monde trinquait.",
                ),
            ),
        ),
    ),
)

RAYMONDE = "Raymonde L."

TRANSCRIPT_ONLY = OralHistory(
    slug="temoignage-raymonde-l-tenir-la-maison",
    title="Raymonde L., tenir la maison au coron (1987)",
    summary="Épouse de mineur, Raymonde L. raconte le linge, le charbon, les lavoirs et les "
    "comptes du ménage. La cassette est perdue : la transcription de 1987 fait foi.",
    story="<p>Entretien recueilli en 1987 par une classe du collège de Loos-en-Gohelle. La "
    "cassette a été perdue ; la transcription dactylographiée à l'époque, avec ses temps, a "
    "été donnée à l'archive par l'enseignante.</p>",
    speakers_note="Raymonde L., épouse de mineur ; des élèves de quatrième",
    date_label="1987",
    places=("la cité Belgique",),
    themes=("vie-dans-les-cites",),
    collection="",
    credit="Don d'une enseignante du collège",
    recording="none",
    chapters=(
        Chapter(
            title="Le bleu de travail et le bain",
            synopsis="Avant les douches de la fosse, le bain du mineur dans la cuisine et le "
            "linge noir lavé chaque jour.",
            keywords="lavage, bain, bleu de travail, cuisine",
            places=("la cité Belgique",),
            turns=(
                (
                    "Élève",
                    "Madame, comment faisait-on le ménage quand votre mari était à la mine ?",
                ),
                (
                    RAYMONDE,
                    "Au début, il n'y avait pas de douches à la fosse. Il rentrait "
                    "noir des pieds à la tête. Je faisais chauffer l'eau sur la cuisinière et "
                    "il se lavait dans la bassine, devant le feu. Je lui frottais le dos.",
                ),
                (
                    RAYMONDE,
                    "Le bleu de travail, il fallait le laver tous les jours. Le "
                    "lundi, c'était la grande lessive, les lavoirs de la cité étaient pleins "
                    "de femmes. On parlait de tout, c'était notre journal.",
                ),
            ),
        ),
        Chapter(
            title="Le charbon et les comptes",
            synopsis="Le charbon de la compagnie, la paie tous les quinze jours et le "
            "carnet de l'épicier.",
            keywords="charbon, paie, épicerie, crédit",
            places=("la cité Belgique",),
            turns=(
                ("Élève", "Est-ce que la vie était chère ?"),
                (
                    RAYMONDE,
                    "On avait le logement et le charbon, ça aidait. Le camion "
                    "déchargeait le charbon devant la porte, et c'était aux femmes et aux "
                    "enfants de le rentrer à la pelle, avant que la pluie tombe dessus.",
                ),
                (
                    RAYMONDE,
                    "La paie, c'était tous les quinze jours. Entre deux, on prenait "
                    "à crédit chez l'épicier, il notait tout dans un carnet. Le jour de la "
                    "paie, on payait le carnet et on recommençait.",
                ),
                (
                    RAYMONDE,
                    "Je n'ai jamais eu de dette, jamais. J'en suis fière. Mais je "
                    "comptais chaque sou, vous ne pouvez pas savoir.",
                ),
            ),
        ),
    ),
)

TAIDX_TALKS = (
    OralHistory(
        slug="taidx-nadia-b-jardin-partage",
        title="Ch'ti TAIDx : Nadia B., un jardin partagé au pied du terril",
        summary="Nadia B. raconte comment un terrain vague de la cité des Provinces est devenu "
        "un jardin partagé, travaillé à moitié par les habitants, à moitié par la ville.",
        story="<p>Conférence donnée au Ch'ti TAIDx 2019, où des habitants racontent en dix "
        "minutes un projet qu'ils ont porté avec la ville.</p>",
        speakers_note="Nadia B., habitante de la cité des Provinces",
        date_label="2019",
        places=("la cité des Provinces",),
        themes=("vie-dans-les-cites",),
        collection=TAIDX_SLUG,
        credit="Ville de Loos-en-Gohelle",
        source=ItemSource.EDITORIAL,
        chapters=(
            Chapter(
                title="D'un terrain vague à un projet",
                synopsis="Un terrain plein de ronces, une pétition de voisins et une première "
                "réunion avec la mairie.",
                keywords="jardin partagé, terrain vague, voisins, participation",
                places=("la cité des Provinces",),
                turns=(
                    (
                        "Nadia B.",
                        "Bonjour à tous. Il y a cinq ans, en face de chez moi, il y "
                        "avait un terrain vague, plein de ronces et de sacs plastiques. Les "
                        "enfants n'avaient nulle part où jouer.",
                    ),
                    (
                        "Nadia B.",
                        "Avec trois voisines, on a fait le tour de la cité avec un "
                        "cahier. On a demandé aux gens : qu'est-ce que vous voudriez, là ? La "
                        "moitié a répondu : un jardin, comme les anciens avaient.",
                    ),
                    (
                        "Nadia B.",
                        "On est allées à la mairie avec le cahier. On s'attendait à "
                        "entendre non. On nous a dit : d'accord, mais vous le faites avec nous, "
                        "pas seulement pour vous.",
                    ),
                ),
            ),
            Chapter(
                title="Moitié la ville, moitié les habitants",
                synopsis="La ville prépare le terrain et apporte l'eau, les habitants "
                "plantent et entretiennent ; ce que le jardin a changé entre voisins.",
                keywords="fifty-fifty, ville, entretien, potager, lien social",
                places=("la cité des Provinces",),
                turns=(
                    (
                        "Nadia B.",
                        "Le principe, c'était moitié-moitié. Les services de la "
                        "ville ont nettoyé le terrain, amené l'eau, posé la clôture. Nous, on "
                        "a fait les bacs, les semis, et on s'est engagés à l'entretenir.",
                    ),
                    (
                        "Nadia B.",
                        "Aujourd'hui, il y a vingt-deux familles. Un ancien mineur "
                        "apprend aux enfants à planter les poireaux. Une dame marocaine nous a "
                        "appris la coriandre. On mange ensemble en septembre.",
                    ),
                    (
                        "Nadia B.",
                        "Ce que je retiens, c'est que le jardin, ce n'est pas les "
                        "légumes. C'est qu'on se dit bonjour, maintenant. Merci.",
                    ),
                ),
            ),
        ),
    ),
    OralHistory(
        slug="taidx-bernard-t-rue-fleurie",
        title="Ch'ti TAIDx : Bernard T., la rue de la Gare fleurie par ses habitants",
        summary="Retraité des houillères, Bernard T. raconte comment les riverains de la rue de "
        "la Gare ont fleuri leurs trottoirs avec les jardiniers de la ville.",
        story="<p>Conférence donnée au Ch'ti TAIDx 2019.</p>",
        speakers_note="Bernard T., riverain de la rue de la Gare",
        date_label="2019",
        places=("la rue de la Gare",),
        themes=("vie-dans-les-cites",),
        collection=TAIDX_SLUG,
        credit="Ville de Loos-en-Gohelle",
        source=ItemSource.EDITORIAL,
        chapters=(
            Chapter(
                title="Une rue grise",
                synopsis="Une rue de passage, des trottoirs de bitume et des voisins qui ne "
                "se connaissaient plus.",
                keywords="rue, trottoir, voisinage",
                places=("la rue de la Gare",),
                turns=(
                    (
                        "Bernard T.",
                        "J'ai travaillé trente-deux ans aux houillères, à "
                        "l'entretien. Quand j'ai pris ma retraite, je me suis rendu compte "
                        "que je ne connaissais pas mes voisins. La rue était grise, on y "
                        "passait en voiture, c'est tout.",
                    ),
                    (
                        "Bernard T.",
                        "Un jour, j'ai mis trois pots de géraniums devant ma "
                        "porte. Le lendemain, la voisine d'en face en avait mis deux. Je me "
                        "suis dit : il y a quelque chose à faire.",
                    ),
                ),
            ),
            Chapter(
                title="Le fleurissement en commun",
                synopsis="La ville découpe le bitume et fournit les plants, les riverains "
                "choisissent, plantent et arrosent ; la fête de la rue chaque printemps.",
                keywords="fleurissement, fifty-fifty, jardiniers de la ville, fête de rue",
                places=("la rue de la Gare",),
                turns=(
                    (
                        "Bernard T.",
                        "On a écrit à la mairie. Les jardiniers de la ville sont "
                        "venus découper le bitume au pied des façades, sur vingt centimètres. "
                        "Ils nous ont donné les plants. Nous, on a choisi, planté, et on "
                        "arrose.",
                    ),
                    (
                        "Bernard T.",
                        "La première année, on était huit maisons. Cette année, "
                        "on est quarante et une. Il y a des roses trémières jusqu'au premier "
                        "étage. Les gens s'arrêtent pour prendre des photos.",
                    ),
                    (
                        "Bernard T.",
                        "Au printemps, on fait la fête de la rue, on échange les "
                        "boutures. Moi qui ne connaissais personne, je connais tout le monde. "
                        "Voilà, c'est tout simple, et c'est pour ça que ça marche.",
                    ),
                ),
            ),
        ),
    ),
    OralHistory(
        slug="taidx-sylvie-m-guide-des-terrils",
        title="Ch'ti TAIDx : Sylvie M., guider les visiteurs sur les terrils jumeaux",
        summary="Fille de mineur, Sylvie M. est devenue guide bénévole ; elle raconte le "
        "sentier des terrils tracé avec la ville et ce que les visiteurs y découvrent.",
        story="<p>Conférence donnée au Ch'ti TAIDx 2019.</p>",
        speakers_note="Sylvie M., guide bénévole",
        date_label="2019",
        places=("les terrils jumeaux", "la Base 11/19"),
        themes=("paysages-miniers",),
        collection=TAIDX_SLUG,
        credit="Ville de Loos-en-Gohelle",
        source=ItemSource.EDITORIAL,
        chapters=(
            Chapter(
                title="Remonter sur le terril de son père",
                synopsis="Enfant, on lui interdisait de monter sur le terril ; adulte, elle y "
                "découvre une nature qu'elle ne soupçonnait pas.",
                keywords="terril, mémoire familiale, nature",
                places=("les terrils jumeaux",),
                turns=(
                    (
                        "Sylvie M.",
                        "Quand j'étais petite, ma mère m'interdisait de monter "
                        "sur le terril. C'était dangereux, il fumait encore, et puis c'était "
                        "le travail des hommes, les cailloux qu'ils sortaient du fond.",
                    ),
                    (
                        "Sylvie M.",
                        "J'y suis montée pour la première fois à quarante ans. "
                        "En haut, j'ai vu des orchidées, des lézards, et toute la plaine "
                        "jusqu'à Lens. J'ai pensé à mon père. C'étaient ses cailloux.",
                    ),
                ),
            ),
            Chapter(
                title="Un sentier tracé avec la ville",
                synopsis="La formation de guide, le sentier balisé avec les services de la "
                "ville et les visites du dimanche.",
                keywords="guide bénévole, sentier, randonnée, patrimoine, fifty-fifty",
                places=("les terrils jumeaux", "la Base 11/19"),
                turns=(
                    (
                        "Sylvie M.",
                        "J'ai proposé à la mairie d'accompagner des visiteurs. "
                        "Ils m'ont aidée à me former, avec les naturalistes. Ensemble, on a "
                        "tracé un sentier pour que les gens ne piétinent pas les plantes "
                        "rares.",
                    ),
                    (
                        "Sylvie M.",
                        "Maintenant, nous sommes douze guides. Le dimanche, on part "
                        "de la Base onze dix-neuf. Je raconte la mine, et je montre ce qui "
                        "pousse aujourd'hui. Les enfants des visiteurs courent jusqu'en haut.",
                    ),
                    (
                        "Sylvie M.",
                        "Mon père n'a jamais vu ça. Mais je crois qu'il serait "
                        "content que ses cailloux soient devenus une montagne qu'on visite.",
                    ),
                ),
            ),
        ),
    ),
    OralHistory(
        slug="taidx-kevin-l-atelier-reparation",
        title="Ch'ti TAIDx : Kévin L., un atelier de réparation à la salle des fêtes",
        summary="Kévin L., vingt-quatre ans, raconte l'atelier où anciens mineurs et jeunes "
        "réparent ensemble grille-pain et vélos, un samedi par mois, avec la ville.",
        story="<p>Conférence donnée au Ch'ti TAIDx 2019.</p>",
        speakers_note="Kévin L., membre du conseil des jeunes",
        date_label="2019",
        places=("la salle des fêtes",),
        themes=("vie-dans-les-cites",),
        collection=TAIDX_SLUG,
        credit="Ville de Loos-en-Gohelle",
        source=ItemSource.EDITORIAL,
        chapters=(
            Chapter(
                title="Jeter, ou réparer",
                synopsis="Un grille-pain en panne, un grand-père électricien du fond et "
                "l'idée d'un atelier ouvert à tous.",
                keywords="réparation, réemploi, transmission, jeunes",
                places=("la salle des fêtes",),
                turns=(
                    (
                        "Kévin L.",
                        "Tout a commencé avec un grille-pain. Il était en panne, "
                        "j'allais le jeter. Mon grand-père, qui était électricien au fond, "
                        "me l'a pris des mains et l'a réparé en dix minutes.",
                    ),
                    (
                        "Kévin L.",
                        "Je me suis dit : tous ces anciens savent réparer, et nous "
                        "on jette. Au conseil des jeunes, on a proposé un atelier où les deux "
                        "se rencontrent.",
                    ),
                ),
            ),
            Chapter(
                title="Un samedi par mois",
                synopsis="La ville prête la salle des fêtes et les outils, les bénévoles "
                "réparent avec les habitants ; ce que les générations y échangent.",
                keywords="atelier de réparation, salle des fêtes, bénévoles, générations",
                places=("la salle des fêtes",),
                turns=(
                    (
                        "Kévin L.",
                        "La ville nous prête la salle des fêtes un samedi par mois, "
                        "et elle a acheté les outils. Nous, on tient l'atelier, on accueille, "
                        "on note ce qu'on répare.",
                    ),
                    (
                        "Kévin L.",
                        "En un an, on a réparé trois cents objets : des vélos, des "
                        "lampes, des machines à coudre. Les anciens expliquent, les jeunes "
                        "tiennent le tournevis. Et pendant ce temps-là, on parle de la mine.",
                    ),
                    (
                        "Kévin L.",
                        "Je n'aurais jamais cru entendre mon grand-père raconter "
                        "le fond devant vingt jeunes. Réparer, finalement, ça répare aussi "
                        "autre chose. Merci à vous.",
                    ),
                ),
            ),
        ),
    ),
)

ORAL_HISTORIES = (LONG_INTERVIEW, SHORT_INTERVIEW, TRANSCRIPT_ONLY, *TAIDX_TALKS)


# Sound -----------------------------------------------------------------------------------


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def speak(text: str) -> bytes:
    """``text`` said by espeak-ng's French voice, as 8-bit samples at ``RATE``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "voix.wav"
        subprocess.run(  # noqa: S603 - fixed program, text passed as one argument
            [shutil.which("espeak-ng"), "-v", "fr", "-s", "155", "-w", str(path), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        with wave.open(str(path), "rb") as source:
            rate, width = source.getframerate(), source.getsampwidth()
            frames = source.readframes(source.getnframes())
    if width != 2:
        raise ValueError(f"espeak-ng a écrit des échantillons de {width} octets")
    samples = array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()  # WAV samples are little-endian
    step = rate / RATE
    last = len(samples) - 1
    # A three-point average before dropping samples: less hiss than plain decimation.
    return bytes(
        ((samples[max(0, j - 1)] + 2 * samples[j] + samples[min(last, j + 1)]) // 4 >> 8) + 128
        for j in (int(i * step) for i in range(int(len(samples) / step)))
    )


def _frames(ms: int) -> int:
    return ms * RATE // 1000


def wav_file(*, duration: int, clips: list[tuple[int, bytes]]) -> bytes:
    """A mono WAV of ``duration`` ms, silent but for the 8-bit ``clips`` laid at their times."""
    samples = bytearray(SILENCE * _frames(duration))
    for at, clip in clips:
        start = _frames(at)
        clip = clip[: max(0, len(samples) - start)]
        samples[start : start + len(clip)] = clip
    buffer = BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(RATE)
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def _store(data: bytes, *, title: str, credit: str):
    upload = SimpleUploadedFile("enregistrement.wav", data, content_type="audio/wav")
    return media_file_create(upload=upload, title=title, credit=credit)


# Time lines ------------------------------------------------------------------------------


@dataclass
class Timeline:
    cues: list[Cue] = field(default_factory=list)
    chapter_starts: list[int] = field(default_factory=list)
    clips: list[tuple[int, bytes]] = field(default_factory=list)
    end: int = 0


def _spoken_timeline(story: OralHistory, *, voice: bool) -> Timeline:
    """Each turn after the other, as long as it takes to say (measured, or estimated)."""
    timeline, at = Timeline(), 500
    for chapter in story.chapters:
        timeline.chapter_starts.append(at)
        for speaker, text in chapter.turns:
            clip = speak(text) if voice else b""
            length = len(clip) * 1000 // RATE if clip else len(text) * 1000 // CHARS_PER_SECOND
            if clip:
                timeline.clips.append((at, clip))
            timeline.cues.append(
                Cue(start=at, end=at + length + GAP_MS, text=text, speaker=speaker)
            )
            at += length + GAP_MS
    timeline.end = at + 1000
    return timeline


def _long_timeline(story: OralHistory, *, voice: bool) -> Timeline:
    """Chapters at their written times; turns share a chapter's span by length of text;
    the first words of each chapter are spoken where they start."""
    timeline = Timeline(end=story.end)
    starts = [chapter.start for chapter in story.chapters]
    for number, chapter in enumerate(story.chapters):
        span_end = starts[number + 1] if number + 1 < len(starts) else story.end
        total = sum(len(text) for _speaker, text in chapter.turns)
        at = chapter.start
        timeline.chapter_starts.append(at)
        for turn, (speaker, text) in enumerate(chapter.turns):
            last = turn == len(chapter.turns) - 1
            end = span_end if last else at + (span_end - chapter.start) * len(text) // total
            # Whole seconds: the time codes read the way a transcriber types them.
            end = end // 1000 * 1000
            timeline.cues.append(Cue(start=at, end=end, text=text, speaker=speaker))
            if voice and turn == 0:
                timeline.clips.append((at, speak(text)[: _frames(end - at)]))
            at = end
    return timeline


# Pages -----------------------------------------------------------------------------------


def _create_item(index: ArchiveIndexPage, story: OralHistory) -> ArchiveItemPage:
    places = ensure_places()
    themes = {theme.slug: theme for theme, _words in ensure_themes()}
    collections = {collection.slug: collection for collection in ensure_collections()}
    item = index.add_child(
        instance=ArchiveItemPage(
            title=story.title,
            slug=story.slug,
            kind=ItemKind.ORAL_HISTORY,
            summary=story.summary,
            story=[("paragraph", story.story)],
            date_label=story.date_label,
            credit=story.credit,
            source=story.source,
            collection=collections.get(story.collection),
        )
    )
    item.places = [places[phrase] for phrase in story.places]
    item.themes = [themes[slug] for slug in story.themes]
    item.save()
    return item


def _create_interview(item: ArchiveItemPage, story: OralHistory, *, voice: bool) -> Interview:
    interview = Interview.objects.create(page=item, speakers_note=story.speakers_note)
    places = ensure_places()
    if story.recording == "long":
        timeline = _long_timeline(story, voice=voice)
        offset = 0
        for order, (title, length) in enumerate(story.tapes):
            clips = [
                (at - offset, clip) for at, clip in timeline.clips if offset <= at < offset + length
            ]
            media = _store(
                wav_file(duration=length, clips=clips),
                title=f"{story.title} — {title}",
                credit=story.credit,
            )
            Tape.objects.create(
                interview=interview, title=title, media_file=media, sort_order=order
            )
            offset += length
    else:
        timeline = _spoken_timeline(story, voice=voice)
        if story.recording == "spoken":
            media = _store(
                wav_file(duration=timeline.end, clips=timeline.clips),
                title=story.title,
                credit=story.credit,
            )
            Tape.objects.create(interview=interview, media_file=media, sort_order=0)
    for chapter, start in zip(story.chapters, timeline.chapter_starts, strict=True):
        index_segment = IndexSegment(
            interview=interview,
            start=start,
            title=chapter.title,
            synopsis=chapter.synopsis,
            keywords=chapter.keywords,
        )
        index_segment.places = [places[phrase] for phrase in chapter.places]
        index_segment.save()
    # As an editor would: a WebVTT file, checked (overlaps, past the end) by the service.
    transcript_import(interview=interview, source=to_webvtt(timeline.cues))
    return interview


def ensure_oral_histories(
    index: ArchiveIndexPage,
    *,
    voice: bool | None = None,
    say: Callable[[str], object] | None = None,
) -> Iterator[ArchiveItemPage]:
    """Create the missing oral histories and TAIDx talks, yielding each item.

    ``voice`` defaults to whether espeak-ng is installed; without it the recordings are
    silent and ``say`` (the command's output) is told so once."""
    if voice is None:
        voice = espeak_available()
        if not voice and say is not None:
            say(
                "espeak-ng est absent : les enregistrements de démonstration sont muets "
                "(apt-get install espeak-ng pour les entendre)."
            )
    for story in ORAL_HISTORIES:
        item = ArchiveItemPage.objects.filter(slug=story.slug).first()
        if item is None:
            item = _create_item(index, story)
        if not Interview.objects.filter(page=item).exists():
            # All or nothing: an interrupted load leaves no half interview to skip next time.
            with transaction.atomic():
                _create_interview(item, story, voice=voice)
            item.save_revision().publish()
        yield item
