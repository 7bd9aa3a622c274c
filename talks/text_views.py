"""The speaker's text, from the private link: write and revise, read every version and what
changed, answer the helper's remarks, declare the text final (and consent to publish it).

Every action is a POST answered with a French message; the rules live in ``talks.texts`` and
``talks.remarks``. The pages work without JavaScript and are read first on a phone."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.form_protection import Verdict, public_form_guard
from talks.models import Remark, RemarkStatus, Talk, TalkStatus
from talks.remarks import RemarkError, remark_accept, remark_mark_seen, remark_refuse
from talks.speaker_access import speaker_page
from talks.text_forms import AnswerForm, FinalForm, TextForm
from talks.texts import (
    TextError,
    text_can_write,
    text_mark_final,
    text_passages,
    text_reopen,
    text_version_write,
    text_versions_diff,
)

RATE_SCOPE = "talk_speaker"
ANSWERS = {"accept": remark_accept, "refuse": remark_refuse, "seen": remark_mark_seen}


def _text_url(token: str, anchor: str = "") -> str:
    return reverse("talks:text", kwargs={"token": token}) + anchor


def _text_page(request, talk: Talk, token: str, *, text_form=None, answer_form=None, status=200):
    versions = list(talk.text_versions.order_by("-number"))
    numbers = {version.pk: version.number for version in versions}
    latest = versions[0] if versions else None
    remarks = list(talk.remarks.all())
    open_remarks = [remark for remark in remarks if remark.status == RemarkStatus.OPEN]
    for remark in remarks:
        remark.version_number = numbers.get(remark.version_id)
    for remark in open_remarks:
        remark.answer_form = (
            answer_form
            if answer_form is not None and answer_form.prefix == f"remark-{remark.pk}"
            else AnswerForm(remark=remark)
        )
    can_write = text_can_write(talk=talk)
    if text_form is None and can_write:
        text_form = TextForm(initial={"body": latest.body if latest else ""})
    context = {
        "talk": talk,
        "token": token,
        "latest": latest,
        "versions": versions,
        "passages": text_passages(body=latest.body, remarks=open_remarks) if latest else [],
        "open_remarks": open_remarks,
        "answered_remarks": [r for r in reversed(remarks) if r.status != RemarkStatus.OPEN],
        "text_form": text_form if can_write else None,
        "final_form": FinalForm(initial={"publish": talk.publish_text}),
        "can_write": can_write,
        "statuses": TalkStatus,
    }
    return render(request, "talks/text/write.html", context, status=status)


@require_http_methods(["GET", "POST"])
@speaker_page
def text_write(request, talk, token):
    if request.method == "GET":
        return _text_page(request, talk, token)
    form = TextForm(request.POST)
    verdict = public_form_guard(request=request, form=form, scope=RATE_SCOPE)
    if verdict is Verdict.ROBOT:
        return redirect(_text_url(token))
    if verdict is Verdict.PASSED:
        try:
            version = text_version_write(
                talk=talk, body=form.cleaned_data["body"], note=form.cleaned_data["note"]
            )
        except TextError as error:
            if not text_can_write(talk=talk):
                # No form is offered any more: say why at the top of the page.
                messages.error(request, str(error))
                return redirect(_text_url(token))
            form.add_error("body", str(error))
        else:
            if version is None:
                messages.info(request, _("Rien n'a changé : pas de nouvelle version."))
            else:
                messages.success(
                    request,
                    _("Version %(number)s enregistrée. Les précédentes restent consultables.")
                    % {"number": version.number},
                )
            return redirect(_text_url(token))
    status = 429 if verdict is Verdict.LIMITED else 200
    return _text_page(request, talk, token, text_form=form, status=status)


@speaker_page
def text_version(request, talk, token, number):
    versions = {v.number: v for v in talk.text_versions.filter(number__in=[number, number - 1])}
    version = versions.get(number)
    if version is None:
        raise Http404
    previous = versions.get(number - 1)
    context = {
        "talk": talk,
        "token": token,
        "version": version,
        "previous": previous,
        "diff": text_versions_diff(old=previous, new=version),
    }
    return render(request, "talks/text/version.html", context)


@require_POST
@speaker_page
def remark_answer(request, talk, token, pk):
    remark = Remark.objects.filter(talk=talk, pk=pk).select_related("talk").first()
    if remark is None:
        raise Http404
    form = AnswerForm(request.POST, remark=remark)
    verdict = public_form_guard(request=request, form=form, scope=RATE_SCOPE)
    if verdict is Verdict.ROBOT:
        return redirect(_text_url(token))
    if verdict is Verdict.PASSED:
        decision = form.cleaned_data["decision"]
        try:
            ANSWERS[decision](remark=remark, reply=form.cleaned_data["reply"])
        except RemarkError as error:
            # Shown beside the remark, with the reply as typed.
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                {
                    "accept": _(
                        "Suggestion acceptée : une nouvelle version de votre texte l'intègre."
                    ),
                    "refuse": _("Suggestion refusée : votre texte reste tel quel."),
                    "seen": _("Commentaire marqué comme lu."),
                }[decision],
            )
            return redirect(_text_url(token, "#remarques"))
    status = 429 if verdict is Verdict.LIMITED else 200
    return _text_page(request, talk, token, answer_form=form, status=status)


@require_POST
@speaker_page
def text_final(request, talk, token):
    form = FinalForm(request.POST)
    if form.is_spam:
        return redirect(_text_url(token))
    try:
        if "reopen" in request.POST:
            text_reopen(talk=talk)
            messages.success(request, _("Votre texte est repris : vous pouvez le modifier."))
        elif form.is_valid():
            talk = text_mark_final(talk=talk, publish=form.cleaned_data["publish"])
            messages.success(
                request,
                _("Votre texte est final. Il sera publié avec votre intervention.")
                if talk.publish_text
                else _("Votre texte est final. Il ne sera pas publié."),
            )
    except TextError as error:
        messages.error(request, str(error))
    return redirect(_text_url(token))
