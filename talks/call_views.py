"""The call for speakers, public side: propose a talk, the thanks page with the private link,
and the speaker's hub with the invitation's answer and the withdrawal.

The rules live in ``talks.call`` and ``talks.withdrawal``; the speaker's pages open through
``talks.speaker_access`` like the text and evaluation pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.form_protection import Verdict, public_form_guard
from talks.call import evenings_open_for_call, talk_invitation_answer, talk_propose
from talks.call_forms import InvitationAnswerForm, ProposalForm
from talks.links import talk_speaker_path, talk_speaker_token
from talks.models import TalkStatus
from talks.speaker_access import private, speaker_page
from talks.withdrawal import talk_withdraw

LAST_PROPOSAL = "talks_last_proposal"


@require_http_methods(["GET", "POST"])
def propose(request):
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST)
        verdict = public_form_guard(
            request=request, form=form, scope="talk_proposal", email_field="email"
        )
        if verdict is Verdict.ROBOT:
            return redirect("talks:thanks")
        if verdict is Verdict.PASSED:
            data = form.cleaned_data
            try:
                talk = talk_propose(
                    evening=data["evening"],
                    title=data["title"],
                    speaker_name=data["speaker_name"],
                    summary=data["summary"],
                    project=data["project"],
                    initiative=data["initiative"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    site_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                # The call closed while the form was being written: the text stays.
                form.add_error(None, error)
            else:
                request.session[LAST_PROPOSAL] = talk_speaker_token(talk=talk)
                return redirect("talks:thanks")
        if verdict is Verdict.LIMITED:
            status = 429
    else:
        form = ProposalForm(initial={"evening": _preselected(request.GET.get("soiree", ""))})
        if not form.fields["evening"].queryset:
            return private(render(request, "talks/call/closed.html"))
    return private(render(request, "talks/call/propose.html", {"form": form}, status=status))


def _preselected(slug: str):
    if not slug:
        return None
    return evenings_open_for_call().filter(slug=slug).first()


def thanks(request):
    """The private link itself, shown at once: a lost or late e-mail never loses it."""
    token = request.session.get(LAST_PROPOSAL)
    speaker_url = request.build_absolute_uri(talk_speaker_path(token=token)) if token else ""
    return private(render(request, "talks/call/thanks.html", {"speaker_url": speaker_url}))


def _hub(request, talk, token, *, answer_form=None, status=200):
    invited = talk.status == TalkStatus.INVITED
    context = {
        "talk": talk,
        "evening": talk.evening,
        "token": token,
        "statuses": TalkStatus,
        "answer_form": answer_form or (InvitationAnswerForm() if invited else None),
    }
    return render(request, "talks/call/speaker.html", context, status=status)


@speaker_page
def speaker(request, talk, token):
    """The speaker's hub: where the talk stands, the team's reason, what to do next."""
    return _hub(request, talk, token)


@require_POST
@speaker_page
def invitation_answer(request, talk, token):
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        return _hub(request, talk, token, answer_form=form)
    accept = form.cleaned_data["answer"] == "yes"
    try:
        talk_invitation_answer(talk=talk, accept=accept, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Merci ! Vous êtes au programme : écrivez votre texte quand vous voulez.")
            if accept
            else _("Votre réponse est transmise à l'équipe. Merci de nous l'avoir dit."),
        )
    return redirect("talks:speaker", token=token)


@require_http_methods(["GET", "POST"])
@speaker_page
def withdraw(request, talk, token):
    if request.method == "POST":
        talk_withdraw(talk=talk)
        return redirect("talks:speaker", token=token)
    return render(request, "talks/call/withdraw.html", {"talk": talk, "token": token})
