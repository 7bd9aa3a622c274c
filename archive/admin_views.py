"""Wagtail's own views of archive items, adapted: a refused publication says why."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages as admin_messages
from wagtail.admin.views.pages.workflow import WorkflowActionView

from archive.models.pages import PublicationRefused


class ArchiveItemWorkflowActionView(WorkflowActionView):
    """« Approuver » from the dashboard or a moderation list: when publication is refused
    (consent, alt text), the editor reads why in French instead of Wagtail's generic
    « permission denied », and the item stays in moderation (the action is undone)."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except PublicationRefused as refused:
            admin_messages.error(
                request,
                _("« %(title)s » n'est pas publié et reste en modération. %(reasons)s")
                % {"title": self.object.get_admin_display_title(), "reasons": str(refused)},
                buttons=[
                    admin_messages.button(
                        reverse("wagtailadmin_pages:edit", args=[self.object.pk]),
                        _("Corriger l'élément"),
                    )
                ],
            )
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(
                    request, {"step": "success", "redirect": self.redirect_url}
                )
            return redirect(self.redirect_url)
