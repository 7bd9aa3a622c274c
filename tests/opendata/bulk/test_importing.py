"""Importing a folder and its CSV: what the items become, the French report, the dry run,
resumption after an interruption, photos cleaned like uploads, and the alt text rule."""

import csv
import io

import pytest
from django.core.management import call_command
from PIL import ExifTags, Image
from wagtail.models import ReferenceIndex

from archive.models import ArchiveCollection, ArchiveItemPage, ItemKind
from media.collections import PENDING, PUBLIC
from media.models import CustomImage
from opendata.bulk.importing import INDEX_BATCH_ROWS, ImportImpossible, collection_import
from opendata.bulk.models import ImportedItem
from search.models import SearchEntry
from tests.factories.media import jpeg_with_gps_bytes
from tests.opendata.bulk.conftest import photo_rows, write_csv

pytestmark = pytest.mark.django_db


def _import(tmp_path, rows, **options):
    return collection_import(
        folder=tmp_path, metadata=write_csv(tmp_path / "m.csv", rows), **options
    )


def test_import_makes_published_items_with_their_metadata(tmp_path, archive_index, vocabulary):
    theme, place = vocabulary

    report = _import(tmp_path, photo_rows(tmp_path, 2))

    item = ArchiveItemPage.objects.get(title="La fosse 11, tirage 1")
    assert (report.created, report.drafts, report.errors) == (2, 0, [])
    assert (item.live, item.kind, item.summary, item.date_label) == (
        True,
        ItemKind.PHOTO,
        "Tirage 1 du fonds Kowalski.",
        "années 1950",
    )
    assert (item.year_start, item.year_end, item.credit, item.licence) == (
        1950,
        1959,
        "Club photo de Loos",
        "cc-by-4.0",
    )
    assert (list(item.themes.all()), list(item.places.all()), item.collection.name) == (
        [theme],
        [place],
        "Fonds Kowalski",
    )
    assert item.cover_image.description == "Chevalement de la fosse 11 vu de la rue, tirage 1"
    assert item.cover_image.collection.name == PUBLIC


def test_import_reads_semicolons_and_several_files(tmp_path, archive_index, vocabulary):
    rows = photo_rows(tmp_path, 2)
    rows[0]["files"] = "photo-0000.png | photo-0001.png"
    rows[0]["alt_text"] = "Le chevalement | La lampisterie"
    path = write_csv(tmp_path / "m.csv", rows[:1], delimiter=";")

    collection_import(folder=tmp_path, metadata=path)

    item = ArchiveItemPage.objects.get()
    gallery = [entry.image.description for entry in item.gallery_images.all()]
    assert (item.cover_image.description, gallery) == ("Le chevalement", ["La lampisterie"])


def test_import_report_names_each_bad_row_column_and_why_in_french(
    tmp_path, archive_index, vocabulary
):
    rows = photo_rows(tmp_path, 5)
    rows[0]["licence"] = "libre"
    rows[1]["subject"] = "La fanfare | Les grèves"
    rows[2]["files"] = "absente.png"
    rows[3]["title"] = ""
    (tmp_path / "notes.txt").write_text("pas une photo")
    rows[4]["files"] = "notes.txt"

    report = _import(tmp_path, rows)

    by_line = {(error.line, error.column): error.message for error in report.errors}
    assert sorted(by_line) == [
        (2, "licence"),
        (3, "subject"),
        (4, "files"),
        (5, "title"),
        (6, "files"),
    ]
    assert by_line[(2, "licence")] == (
        "Licence « libre » inconnue. Indiquez l'une de : cc-by-4.0, cc-by-sa-4.0, cc-by-nc-4.0, "
        "all-rights-reserved."
    )
    assert by_line[(3, "subject")].startswith("Thème « Les grèves » inconnu.")
    assert by_line[(4, "files")] == "Fichier « absente.png » introuvable dans le dossier envoyé."
    assert by_line[(5, "title")] == "Le titre est vide : chaque élément a besoin d'un titre."
    assert by_line[(6, "files")].startswith(
        "« notes.txt » : Ce fichier n'est pas une photo lisible."
    )
    assert (report.created, report.refused, ArchiveItemPage.objects.count()) == (0, 5, 0)
    lines = list(csv.reader(io.StringIO(report.as_csv())))
    assert lines[0] == ["ligne", "colonne", "problème"]
    assert lines[3] == ["4", "files", "Fichier « absente.png » introuvable dans le dossier envoyé."]


def test_import_refuses_a_csv_without_its_required_columns(tmp_path, archive_index):
    path = tmp_path / "m.csv"
    path.write_text("titre,licence\nLa fosse,cc-by-4.0\n", encoding="utf-8")

    report = collection_import(folder=tmp_path, metadata=path)

    assert [(e.line, e.column) for e in report.errors] == [(1, "title"), (1, "titre")]
    assert (
        report.errors[0].message == "Colonne obligatoire absente. Ajoutez-la à la première ligne."
    )
    assert ArchiveItemPage.objects.count() == 0


def test_import_refuses_a_csv_not_in_utf8(tmp_path, archive_index):
    path = tmp_path / "m.csv"
    path.write_bytes("title,licence\nLa fosse à Loos,cc-by-4.0\n".encode("latin-1"))

    with pytest.raises(ImportImpossible) as refusal:
        collection_import(folder=tmp_path, metadata=path)

    assert str(refusal.value).startswith("Le fichier CSV n'est pas en UTF-8.")


def test_import_never_reads_a_file_outside_the_folder(tmp_path, archive_index, vocabulary):
    folder = tmp_path / "envoi"
    folder.mkdir()
    rows = photo_rows(tmp_path, 1)
    rows[0]["files"] = "../photo-0000.png"

    report = collection_import(folder=folder, metadata=write_csv(tmp_path / "m.csv", rows))

    assert [(e.column, e.message) for e in report.errors] == [
        ("files", "Fichier « ../photo-0000.png » introuvable dans le dossier envoyé.")
    ]


def test_dry_run_reports_and_writes_nothing(tmp_path, archive_index, vocabulary):
    rows = photo_rows(tmp_path, 3)
    rows[1]["alt_text"] = ""
    rows[2]["collection"] = "Fonds Delattre"
    rows[2]["licence"] = "?"

    report = _import(tmp_path, rows, dry_run=True)

    assert (report.total, report.created, report.drafts, report.refused) == (3, 2, 1, 1)
    assert (
        ArchiveItemPage.objects.count(),
        CustomImage.objects.count(),
        ImportedItem.objects.count(),
        ArchiveCollection.objects.count(),
    ) == (0, 0, 0, 0)
    assert report.summary().startswith("Essai à blanc, rien n'a été enregistré : 3 lignes")


class Interrupted(Exception):
    pass


def _stop_after(rows: int):
    def on_row(report):
        if report.processed == rows:
            raise Interrupted

    return on_row


@pytest.mark.parametrize("with_identifier", [True, False])
def test_interrupted_import_resumes_without_duplicates(
    tmp_path, archive_index, vocabulary, with_identifier
):
    rows = photo_rows(tmp_path, 6)
    if not with_identifier:
        for row in rows:
            row.pop("identifier")  # then the files' checksum is the key
    path = write_csv(tmp_path / "m.csv", rows)

    with pytest.raises(Interrupted):
        collection_import(folder=tmp_path, metadata=path, on_row=_stop_after(4))
    resumed = collection_import(folder=tmp_path, metadata=path)
    again = collection_import(folder=tmp_path, metadata=path)

    assert ArchiveItemPage.objects.count() == 6
    assert sorted(ArchiveItemPage.objects.values_list("title", flat=True)) == sorted(
        row["title"] for row in rows
    )
    assert (resumed.skipped, resumed.created) == (4, 2)
    assert (again.skipped, again.created) == (6, 0)


def test_the_same_file_twice_in_one_csv_is_refused(tmp_path, archive_index, vocabulary):
    row = photo_rows(tmp_path, 1)[0]
    row.pop("identifier")
    rows = [row, dict(row)]

    report = _import(tmp_path, rows)

    assert [(e.line, e.column) for e in report.errors] == [(3, "identifier")]
    assert report.errors[0].message.startswith("Même élément que la ligne 2")


def test_imported_photo_loses_its_gps_position(tmp_path, archive_index, vocabulary):
    (tmp_path / "phone.jpg").write_bytes(jpeg_with_gps_bytes())
    original = Image.open(tmp_path / "phone.jpg")
    rows = photo_rows(tmp_path, 1)
    rows[0]["files"] = "phone.jpg"

    _import(tmp_path, rows)

    with ArchiveItemPage.objects.get().cover_image.file.open("rb") as stored_file:
        stored = Image.open(io.BytesIO(stored_file.read()))
    assert bool(original.getexif().get_ifd(ExifTags.IFD.GPSInfo)) is True
    assert dict(stored.getexif()) == {}
    assert stored.info.get("comment") is None


def test_photo_without_alt_text_stays_a_draft_for_editors(tmp_path, archive_index, vocabulary):
    rows = photo_rows(tmp_path, 2)
    rows[1]["alt_text"] = ""

    report = _import(tmp_path, rows)

    described, undescribed = ArchiveItemPage.objects.order_by("path")
    assert (described.live, undescribed.live) == (True, False)
    assert undescribed.cover_image.collection.name == PENDING
    assert (report.created, report.drafts) == (2, 1)


def test_import_without_the_right_to_publish_leaves_drafts(tmp_path, archive_index, vocabulary):
    report = _import(tmp_path, photo_rows(tmp_path, 1), publish=False)

    assert (ArchiveItemPage.objects.get().live, report.drafts) == (False, 1)


def test_a_row_without_files_is_a_written_memory(tmp_path, archive_index, vocabulary):
    report = _import(
        tmp_path,
        [{"title": "Le bal de la Sainte-Barbe", "date": "1950/1959", "licence": "CC BY-SA 4.0"}],
    )

    item = ArchiveItemPage.objects.get()
    assert (report.created, item.live, item.kind, item.licence) == (
        1,
        True,
        ItemKind.MEMORY,
        "cc-by-sa-4.0",
    )
    assert (item.date_label, item.year_start, item.year_end) == ("", 1950, 1959)


def test_command_prints_a_summary_and_writes_the_report(tmp_path, archive_index, vocabulary):
    rows = photo_rows(tmp_path, 2)
    rows[1]["licence"] = "libre"
    path = write_csv(tmp_path / "fonds.csv", rows)
    out = io.StringIO()

    call_command("import_collection", str(tmp_path), metadata=str(path), stdout=out, verbosity=0)

    text = (tmp_path / "fonds-rapport.csv").read_text(encoding="utf-8-sig")
    report = list(csv.reader(io.StringIO(text)))
    assert report[1][:2] == ["3", "licence"]
    assert report[1][2].startswith("Licence « libre » inconnue.")
    assert out.getvalue().splitlines()[-1] == (
        "2 lignes : 1 éléments créés (dont 0 laissés en brouillon faute de texte alternatif), "
        "0 déjà importés, 1 lignes refusées."
    )


def test_command_dry_run_writes_nothing(tmp_path, archive_index, vocabulary):
    path = write_csv(tmp_path / "fonds.csv", photo_rows(tmp_path, 2))

    call_command(
        "import_collection",
        str(tmp_path),
        metadata=str(path),
        dry_run=True,
        verbosity=0,
        stdout=io.StringIO(),
    )

    assert ArchiveItemPage.objects.count() == 0


def _findable(title: str) -> tuple[bool, bool, bool]:
    """In the site's search, the admin's search, and the image's « where used »."""
    item = ArchiveItemPage.objects.get(title=title)
    return (
        SearchEntry.objects.filter(doc_type="archive_item", object_id=item.pk).exists(),
        item.pk in [page.pk for page in ArchiveItemPage.objects.live().search(title)],
        ReferenceIndex.get_references_to(item.cover_image).exists(),
    )


def test_imported_items_are_found_everywhere_in_batches_and_after_a_stop(
    tmp_path, archive_index, vocabulary
):
    """Indexed a batch at a time (``INDEX_BATCH_ROWS``), not after each save: the items of
    a full batch, of the last partial one, and of a batch stopped half-way are all found."""
    rows = photo_rows(tmp_path, INDEX_BATCH_ROWS + 3)
    path = write_csv(tmp_path / "m.csv", rows)

    with pytest.raises(Interrupted):
        collection_import(folder=tmp_path, metadata=path, on_row=_stop_after(2))
    stopped = [_findable(row["title"]) for row in rows[:2]]
    collection_import(folder=tmp_path, metadata=path)

    assert stopped == [(True, True, True)] * 2
    assert [_findable(row["title"]) for row in rows] == [(True, True, True)] * len(rows)
