"""The Ch'ti TAIDx evenings in the Wagtail admin, for the town's team (the « Ch'ti TAIDx »
group, and superusers): « Soirées » to create and edit an evening (date, place, festival
event, call for speakers, publication), its guests (« Invités », name and role, in order) and
the order of its accepted talks.

Rights follow the models' permissions given by migration 0002: the « Accompagnement » group
reads the list of evenings and changes nothing (no guest, no order: 403). The menu items join
the « Ch'ti TAIDx » menu through ``register_taidx_menu_item``; the viewsets register here too,
since ``talks/wagtail_hooks.py`` imports this module."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from talks.evenings import evening_talks_reorder, evening_talks_to_order
from talks.models import Evening, Guest, TalkStatus

VIEW_PERMISSION = "talks.view_evening"
CHANGE_PERMISSION = "talks.change_evening"
GUEST_PERMISSION = "talks.change_guest"
ORDER_PERMISSION = "talks.change_talk"


def guests_url(evening_id: int) -> str:
    return f"{reverse('taidx_guests:index')}?evening={evening_id}"


def order_url(evening_id: int) -> str:
    return reverse("taidx_evenings:order", args=[evening_id])


class EveningIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("venue")
            .annotate(
                guest_count=Count("guests", distinct=True),
                talk_count=Count(
                    "talks", filter=Q(talks__status=TalkStatus.ACCEPTED), distinct=True
                ),
            )
        )


class TalkOrderForm(forms.Form):
    """The accepted talks' order, as the list of their ids (the page's « monter » buttons and
    position fields both write it)."""

    def __init__(self, *args, talks, **kwargs):
        super().__init__(*args, **kwargs)
        self.talks = talks
        for talk in talks:
            self.fields[f"talk_{talk.pk}"] = forms.IntegerField(
                label=f"{talk.title} — {talk.speaker_name}",
                min_value=1,
                initial=talk.position or None,
            )

    def talk_ids(self) -> list[int]:
        """The talks sorted by the position typed (ties keep the current order)."""
        typed = [
            (self.cleaned_data[f"talk_{talk.pk}"], index, talk.pk)
            for index, talk in enumerate(self.talks)
        ]
        return [pk for _position, _index, pk in sorted(typed)]


class TalkOrderView(WagtailAdminTemplateMixin, FormView):
    """The order in which the evening's accepted talks are given (« ordre de passage »)."""

    template_name = "talks/admin/talk_order.html"
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ORDER_PERMISSION):
            raise PermissionDenied
        self.evening = Evening.objects.filter(pk=kwargs["pk"]).first()
        if self.evening is None:
            raise Http404
        self.talks = evening_talks_to_order(evening=self.evening)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Ordre de passage")

    def get_page_subtitle(self):
        return self.evening.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("taidx_evenings:index"), "label": _("Soirées")},
            {
                "url": reverse("taidx_evenings:edit", args=[self.evening.pk]),
                "label": self.evening.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "talks": self.talks}

    def get_form_class(self):
        return TalkOrderForm

    def form_valid(self, form):
        evening_talks_reorder(evening=self.evening, talk_ids=form.talk_ids())
        messages.success(self.request, _("L'ordre de passage est enregistré."))
        return redirect(order_url(self.evening.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(evening=self.evening, talks=self.talks, **kwargs)


class EveningViewSet(ModelViewSet):
    model = Evening
    name = "taidx_evenings"
    url_prefix = "taidx/soirees"
    icon = "date"
    menu_label = gettext_lazy("Soirées")
    add_to_admin_menu = False
    index_view_class = EveningIndexView
    search_fields = ["title", "place_label"]
    ordering = ["-starts_at", "pk"]
    list_per_page = 30
    list_display = [
        TitleColumn("title", label=gettext_lazy("Soirée"), url_name="taidx_evenings:edit"),
        DateColumn("starts_at", label=gettext_lazy("Date")),
        Column("place", label=gettext_lazy("Lieu"), accessor=lambda e: e.venue or e.place_label),
        BooleanColumn("published", label=gettext_lazy("Publiée")),
        BooleanColumn("call_open", label=gettext_lazy("Appel ouvert")),
        TitleColumn(
            "guest_count",
            label=gettext_lazy("Invités"),
            get_url=lambda evening: guests_url(evening.pk),
        ),
        TitleColumn(
            "talk_count",
            label=gettext_lazy("Interventions retenues (ordre de passage)"),
            get_url=lambda evening: order_url(evening.pk),
        ),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("starts_at"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("place_label"), FieldPanel("festival_event")],
            heading=gettext_lazy("Lieu et festival"),
        ),
        FieldRowPanel([FieldPanel("call_open"), FieldPanel("call_closes_on")]),
        FieldPanel("published"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/ordre/", TalkOrderView.as_view(), name="order"),
        ]


class GuestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("evening")


class GuestViewSet(ModelViewSet):
    """The people invited to an evening: its list is filtered by evening from « Soirées »."""

    model = Guest
    name = "taidx_guests"
    url_prefix = "taidx/invites"
    icon = "group"
    menu_label = gettext_lazy("Invités")
    add_to_admin_menu = False
    index_view_class = GuestIndexView
    list_filter = ["evening"]
    ordering = ["evening", "position", "pk"]
    list_per_page = 50
    list_display = [
        TitleColumn("name", label=gettext_lazy("Nom"), url_name="taidx_guests:edit"),
        Column("role", label=gettext_lazy("Rôle"), accessor="get_role_display"),
        Column("evening", label=gettext_lazy("Soirée")),
        Column("position", label=gettext_lazy("Ordre")),
    ]
    panels = [
        FieldPanel("evening"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("position"),
    ]


class PermittedMenuItem(MenuItem):
    """Shown only to those who hold ``permission`` (the team, superusers)."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_viewset")
def register_evening_viewsets():
    return [EveningViewSet(), GuestViewSet()]


@hooks.register("register_taidx_menu_item")
def register_evenings_menu_item():
    return PermittedMenuItem(
        gettext_lazy("Soirées"),
        reverse("taidx_evenings:index"),
        name="taidx-evenings",
        icon_name="date",
        order=100,
        permission=VIEW_PERMISSION,
    )
