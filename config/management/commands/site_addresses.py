from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from archive.models import ArchiveIndexPage
from festival.models import FestivalIndexPage
from festival.volunteers.selectors import editions_with_shifts
from home.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME


class Command(BaseCommand):
    help = "Affiche les adresses à ouvrir (site, archive, festival, recherche, administration)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base", default=settings.WAGTAILADMIN_BASE_URL, help="Adresse du site servi."
        )

    def handle(self, *args, base: str, **options):
        base = base.rstrip("/")
        lines = [("Le site", "/")]
        archive = ArchiveIndexPage.objects.live().first()
        if archive:
            lines += [
                ("L'archive", archive.url),
                ("Confier un souvenir", reverse("archive:contribute")),
            ]
        festival = FestivalIndexPage.objects.live().first()
        if festival:
            lines.append(("Le festival", festival.url))
        edition = editions_with_shifts().first()
        if edition:
            lines.append(
                (
                    f"Les créneaux bénévoles {edition.year}",
                    reverse("festival_volunteers:signup", args=[edition.year]),
                )
            )
        lines += [("La recherche", reverse("search:page")), ("L'administration", "/admin/")]
        width = max(len(label) for label, _ in lines)
        self.stdout.write("")
        for label, path in lines:
            self.stdout.write(f"  {label.ljust(width)}  {base}{path}")
        if get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            self.stdout.write(
                f"  {''.ljust(width)}  identifiant « {DEMO_ADMIN_USERNAME} », "
                f"mot de passe « {DEMO_ADMIN_PASSWORD} » (démo)"
            )
        self.stdout.write("")
