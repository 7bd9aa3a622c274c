"""Import and export of the archive in the Wagtail admin (« Import et export » menu), for
editors given the permissions: ``opendata.add_importrun`` to import, ``opendata.export_archive``
to export. The import runs in the background; its page refreshes until it is over.

Nothing registers on import: ``opendata/wagtail_hooks.py`` does."""

from __future__ import annotations

import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from opendata.bulk.exporting import collection_export
from opendata.bulk.forms import ExportForm, ImportForm
from opendata.bulk.models import ImportRun
from opendata.bulk.runs import import_run_start
from opendata.bulk.selectors import recent_import_runs

IMPORT_PERMISSION = "opendata.add_importrun"
EXPORT_PERMISSION = "opendata.export_archive"
# While an import runs, its page reloads itself this often (seconds).
REFRESH_SECONDS = 3


class PermissionMixin(WagtailAdminTemplateMixin):
    permission = IMPORT_PERMISSION
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportView(PermissionMixin, FormView):
    """Send a zip and its CSV; the list of the last imports below. Someone who may only
    export sees the link to the export here (the menu leads here)."""

    page_title = gettext_lazy("Importer une collection")
    template_name = "opendata/bulk/import.html"
    form_class = ImportForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            request.method == "GET"
            and not user.has_perm(IMPORT_PERMISSION)
            and user.has_perm(EXPORT_PERMISSION)
        ):
            return redirect("opendata_bulk:export")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["runs"] = recent_import_runs()
        context["may_export"] = self.request.user.has_perm(EXPORT_PERMISSION)
        return context

    def form_valid(self, form):
        run = import_run_start(
            user=self.request.user,
            archive_upload=form.cleaned_data["archive"],
            metadata_upload=form.cleaned_data["metadata"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("opendata_bulk:run", pk=run.pk)


class ImportRunView(PermissionMixin, TemplateView):
    """How far an import is, what it did, and its error report."""

    page_title = gettext_lazy("Import")
    template_name = "opendata/bulk/run.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["run"] = get_object_or_404(
            ImportRun.objects.select_related("started_by"), pk=kwargs["pk"]
        )
        context["refresh_seconds"] = REFRESH_SECONDS
        return context


def import_report(request, pk: int):
    """The error report of an import, as a CSV to open in a spreadsheet."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=pk)
    if not run.report:
        raise Http404
    return FileResponse(
        run.report.open("rb"),
        as_attachment=True,
        filename=f"rapport-import-{run.pk}.csv",
        content_type="text/csv; charset=utf-8",
    )


class ExportView(PermissionMixin, FormView):
    """Download a collection (or the whole published archive) as a zip and its CSV."""

    permission = EXPORT_PERMISSION
    page_title = gettext_lazy("Exporter une collection")
    template_name = "opendata/bulk/export.html"
    form_class = ExportForm

    def form_valid(self, form):
        collection = form.cleaned_data["collection"]
        # On disk beyond a few megabytes: a whole archive does not fit in memory.
        out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - the response closes it
        collection_export(out=out, collection=collection)
        out.seek(0)
        name = collection.slug if collection else "archive"
        return FileResponse(
            out,
            as_attachment=True,
            filename=f"{name}-{timezone.localdate():%Y-%m-%d}.zip",
            content_type="application/zip",
        )


class BulkMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.has_perm(IMPORT_PERMISSION) or user.has_perm(EXPORT_PERMISSION)


class BulkViewSet(ViewSet):
    """``/admin/import-export/``: the import form and its runs, and the export."""

    name = "opendata_bulk"
    url_prefix = "import-export"
    icon = "download"
    menu_label = gettext_lazy("Import et export")
    add_to_admin_menu = True
    menu_item_class = BulkMenuItem

    def get_urlpatterns(self):
        return [
            path("", ImportView.as_view(), name="import"),
            path("imports/<id:pk>/", ImportRunView.as_view(), name="run"),
            path("imports/<id:pk>/rapport/", import_report, name="report"),
            path("export/", ExportView.as_view(), name="export"),
        ]

    @property
    def menu_url(self):
        return reverse("opendata_bulk:import")
