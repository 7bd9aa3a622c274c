"""« Textes des interventions » in the admin: the speakers' texts, read-only for everyone.

The town's team (« Ch'ti TAIDx ») and the helper (« Accompagnement ») read each talk's latest
version, every version with what changed, and the remarks with the speaker's replies. Only the
helper adds a remark (``talks.remarks.remark_add``). There is no form here, nor anywhere, that
edits a version: a superuser gets the same read-only pages (see ``talks.texts``).

Registered on import by ``talks/wagtail_hooks.py``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from talks.models import RemarkStatus, Talk, TalkStatus
from talks.permissions import user_is_helper
from talks.remarks import RemarkError, remark_add
from talks.text_forms import RemarkForm
from talks.texts import text_can_write, text_passages, text_versions_diff

# Both groups hold it (migration 0002); nobody holds a permission to change a version.
VIEW_PERMISSION = "talks.view_textversion"
LIST_PER_PAGE = 20


def can_read_texts(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def text_admin_url(talk_id: int) -> str:
    return reverse("talk_texts:talk", args=[talk_id])


class TextsMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_read_texts(request.user):
            raise PermissionDenied
        if "pk" in kwargs:
            self.talk = self.get_talk(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_talk(self, pk: int) -> Talk:
        # A withdrawn talk's text is the speaker's to take back: the admin no longer shows it.
        talk = (
            Talk.objects.exclude(status=TalkStatus.WITHDRAWN)
            .select_related("evening")
            .filter(pk=pk)
            .first()
        )
        if talk is None:
            raise Http404
        return talk


class TextListView(TextsMixin, TemplateView):
    """Every talk in preparation or given, with where its text stands."""

    template_name = "talks/text/admin/list.html"
    page_title = gettext_lazy("Textes des interventions")

    def get_context_data(self, **kwargs):
        talks = (
            Talk.objects.exclude(status=TalkStatus.WITHDRAWN)
            .select_related("evening")
            .annotate(
                version_count=Count("text_versions", distinct=True),
                last_written_at=Max("text_versions__created_at"),
                open_remarks=Count(
                    "remarks", filter=Q(remarks__status=RemarkStatus.OPEN), distinct=True
                ),
            )
            .order_by("-evening__starts_at", "evening", "position", "pk")
        )
        page = Paginator(talks, LIST_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, talks=list(page), **kwargs)


class TalkTextView(TextsMixin, TemplateView):
    """One talk's text: the latest version with the open remarks' passages marked, what
    changed in it, the versions, the remarks with the replies; the helper's remark form."""

    template_name = "talks/text/admin/talk.html"

    def get_page_title(self):
        return _("Texte : %(title)s") % {"title": self.talk.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("talk_texts:index"), "label": _("Textes des interventions")},
            {"url": "", "label": self.talk.title},
        ]

    def get_context_data(self, **kwargs):
        talk = self.talk
        versions = list(talk.text_versions.order_by("number"))
        numbers = {version.pk: version.number for version in versions}
        latest = versions[-1] if versions else None
        previous = versions[-2] if len(versions) > 1 else None
        remarks = list(talk.remarks.all())
        for remark in remarks:
            remark.version_number = numbers.get(remark.version_id)
        open_remarks = [remark for remark in remarks if remark.status == RemarkStatus.OPEN]
        is_helper = user_is_helper(self.request.user)
        # Remarks are taken while the speaker may still change the text.
        if is_helper and latest is not None and text_can_write(talk=talk):
            kwargs.setdefault("remark_form", RemarkForm())
        return super().get_context_data(
            talk=talk,
            latest=latest,
            versions=list(reversed(versions)),
            passages=text_passages(body=latest.body, remarks=open_remarks) if latest else [],
            diff=text_versions_diff(old=previous, new=latest) if previous else None,
            previous=previous,
            open_remarks=open_remarks,
            answered_remarks=[r for r in reversed(remarks) if r.status != RemarkStatus.OPEN],
            is_helper=is_helper,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not user_is_helper(request.user):
            raise PermissionDenied
        form = RemarkForm(request.POST)
        if form.is_valid():
            try:
                remark_add(
                    talk=self.talk,
                    user=request.user,
                    site_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except RemarkError as error:
                form.add_error(error.field, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Remarque envoyée : l'intervenant la lira et décidera. Son texte ne "
                        "change pas sans lui."
                    ),
                )
                return redirect(text_admin_url(self.talk.pk))
        return self.render_to_response(self.get_context_data(remark_form=form))


class TextVersionAdminView(TextsMixin, TemplateView):
    """One version as the speaker wrote it, and what changed since the one before."""

    template_name = "talks/text/admin/version.html"

    def get_page_title(self):
        return _("%(title)s, version %(number)s") % {
            "title": self.talk.title,
            "number": self.kwargs["number"],
        }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("talk_texts:index"), "label": _("Textes des interventions")},
            {"url": text_admin_url(self.talk.pk), "label": self.talk.title},
            {"url": "", "label": _("Version %(n)s") % {"n": self.kwargs["number"]}},
        ]

    def get_context_data(self, **kwargs):
        number = self.kwargs["number"]
        versions = {
            v.number: v for v in self.talk.text_versions.filter(number__in=[number, number - 1])
        }
        version = versions.get(number)
        if version is None:
            raise Http404
        previous = versions.get(number - 1)
        return super().get_context_data(
            talk=self.talk,
            version=version,
            previous=previous,
            diff=text_versions_diff(old=previous, new=version),
            **kwargs,
        )


class TalkTextViewSet(ViewSet):
    """``/admin/taidx/textes/…``: the list, a talk's text, one of its versions. Read-only."""

    name = "talk_texts"
    url_prefix = "taidx/textes"

    def get_urlpatterns(self):
        return [
            path("", TextListView.as_view(), name="index"),
            path("<id:pk>/", TalkTextView.as_view(), name="talk"),
            path("<id:pk>/v<int:number>/", TextVersionAdminView.as_view(), name="version"),
        ]


class TextsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_texts(request.user)


@hooks.register("register_admin_viewset")
def register_talk_text_viewset():
    return TalkTextViewSet()


@hooks.register("register_taidx_menu_item")
def register_texts_menu_item():
    return TextsMenuItem(
        gettext_lazy("Textes des interventions"),
        reverse_lazy("talk_texts:index"),
        name="taidx-texts",
        icon_name="doc-full",
        order=300,
    )
