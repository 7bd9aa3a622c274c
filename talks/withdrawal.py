"""The speaker withdraws their talk: it leaves every public page and nothing of theirs stays.

In one transaction: the status moves to WITHDRAWN, the contact is erased, the text's versions,
the remarks on them, the evaluation (and the town's answer to it) are deleted, and the
speaker's words on the talk itself give way to a neutral mention. The row stays, so the
private link answers « retirée » (410) rather than « inconnue », and the team's list keeps
count of it."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talks.call import talk_status_check
from talks.models import Evaluation, Remark, Talk, TalkContact, TalkStatus, TextVersion


@transaction.atomic
def talk_withdraw(*, talk: Talk) -> Talk:
    """Withdraw ``talk`` and erase what the speaker gave; a second call changes nothing."""
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    if talk.status == TalkStatus.WITHDRAWN:
        return talk
    talk_status_check(talk=talk, to=TalkStatus.WITHDRAWN)
    TalkContact.objects.filter(talk=talk).delete()
    # Remarks first: they point at the versions they read.
    Remark.objects.filter(talk=talk).delete()
    TextVersion.objects.filter(talk=talk).delete()
    Evaluation.objects.filter(talk=talk).delete()  # its town answer goes with it
    with translation.override(settings.LANGUAGE_CODE):
        talk.title = _("Intervention retirée")
        talk.speaker_name = _("Intervenant retiré")
    talk.summary = ""
    talk.initiative = ""
    talk.decision_reason = ""
    # The address was made from the title; the project and recording link the speaker.
    talk.slug = f"retiree-{talk.pk}"
    talk.project = None
    talk.recording = None
    talk.publish_text = False
    talk.text_final_at = None
    talk.status = TalkStatus.WITHDRAWN
    talk.withdrawn_at = timezone.now()
    talk.save()
    return talk
