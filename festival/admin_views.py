"""Festival tools in the Wagtail admin: the programme with its gaps, preparing next year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from festival import selectors, services
from festival.forms import PrepareNextEditionForm
from festival.models import EditionPage


class EditionMixin(WagtailAdminTemplateMixin):
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(EditionPage, pk=kwargs["pk"])
        if not self.is_allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def is_allowed(self, user) -> bool:
        return self.edition.permissions_for_user(user).can_edit()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.edition.pk]),
                "label": self.edition.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class ProgrammeAdminView(EditionMixin, TemplateView):
    template_name = "festival/admin/programme.html"

    def get_page_title(self):
        return _("Programme de %(edition)s") % {"edition": self.edition.title}

    def get_context_data(self, **kwargs):
        events = selectors.programme_gaps(edition=self.edition)
        return super().get_context_data(
            edition=self.edition,
            events=events,
            gap_count=sum(1 for event in events if event.gaps),
            **kwargs,
        )


class PrepareNextEditionView(EditionMixin, FormView):
    template_name = "festival/admin/prepare_next.html"
    form_class = PrepareNextEditionForm

    def is_allowed(self, user) -> bool:
        return self.edition.get_parent().permissions_for_user(user).can_add_subpage()

    def get_page_title(self):
        return _("Préparer l'édition suivante")

    def get_initial(self):
        return {
            "year": self.edition.year + 1,
            "offset_days": services.default_offset_days(self.edition),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            edition=self.edition,
            event_count=self.edition.get_children().count(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            new_edition = services.edition_prepare_next(
                edition=self.edition,
                year=form.cleaned_data["year"],
                offset_days=form.cleaned_data["offset_days"],
                user=self.request.user,
            )
        except services.EditionCopyError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("L'édition %(year)s est prête en brouillon, avec ses événements à relire et publier.")
            % {"year": new_edition.year},
        )
        return redirect("wagtailadmin_explore", new_edition.pk)
