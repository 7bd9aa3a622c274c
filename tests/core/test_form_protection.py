"""Every public form against robots and floods: the honeypot, the limit per client address and
the limit per e-mail address (core/form_protection.py), with the limits the site runs with."""

import dataclasses
import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from archive.contributions.forms import (
    ContributionEditForm,
    ContributionForm,
    LinksResendForm,
    ResidentAdditionForm,
)
from archive.contributions.links import contribution_status_token
from archive.contributions.services import contribution_create
from archive.models import Contribution, ResidentAddition, SegmentCorrection
from archive.transcripts.forms import CorrectionForm
from core.form_protection import HoneypotMixin, client_address_key
from festival.models import Signup
from festival.volunteers.forms import SignupForm
from projects.forms import ProgressForm, ProjectFieldsForm, ProposalForm, ReportForm
from projects.links import project_follow_path, project_follow_token
from projects.models import CompletionReport, ProgressUpdate, Project, ProjectStatus
from projects.work_day_forms import WorkDaySignupForm
from talks.call_forms import ProposalForm as TalkProposalForm
from talks.evaluation_forms import EvaluationForm
from talks.links import talk_speaker_token
from talks.models import Evaluation, Remark, RemarkKind, RemarkStatus, Talk, TextVersion
from talks.text_forms import AnswerForm, TextForm
from tests.factories.archive import (
    ArchiveIndexPageFactory,
    ArchiveItemPageFactory,
    contribution_data,
)
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, paris
from tests.factories.projects import ProjectFactory, WorkDayFactory, proposal_form
from tests.factories.talks import (
    EveningFactory,
    RemarkFactory,
    TalkContactFactory,
    TalkFactory,
    TextVersionFactory,
    talk_proposal_form,
)
from tests.factories.transcripts import InterviewFactory, OralHistoryPageFactory, SegmentFactory
from tests.factories.volunteers import ShiftFactory, WorkDayShiftFactory, on_work_day

pytestmark = pytest.mark.django_db

REFUSAL = "envois sont partis de cette connexion"
YEAR = timezone.now().year + 1


@dataclasses.dataclass
class PublicForm:
    """One public form: ``prepare(home)`` builds what it needs and returns
    ``post(client, n, email, extra, headers)`` (the ``n``-th sending, its typed text unique to
    ``n``)
    and ``stored()``, how many sendings were kept."""

    scope: str
    form_class: type
    prepare: Callable
    has_email: bool = True
    mails_at_once: bool = False  # each sending kept mails the address given, at once


def typed(n: int) -> str:
    return f"Texte tapé pour l'envoi numéro {n}"


def _contribution(home):
    ArchiveIndexPageFactory(parent=home).save_revision().publish()

    def post(client, n, email, extra, headers):
        data = {
            "title": f"Souvenir {n}",
            "story": typed(n),
            "full_name": "Jeannine Dupont",
            "name_display": "initial",
            "email": email,
            "allow_web": "on",
            "licence": "cc-by-4.0",
            "accept": "on",
        }
        return client.post("/contribuer/", {**data, **extra}, **headers)

    return post, Contribution.objects.count


def _contribution_edit(home):
    ArchiveIndexPageFactory(parent=home).save_revision().publish()
    contribution = contribution_create(
        data=contribution_data(), photos=[], media_upload=None, site_url="http://testserver/"
    )
    url = f"/contribuer/suivi/{contribution_status_token(contribution=contribution)}/modifier/"

    def post(client, n, email, extra, headers):
        data = {"title": f"Titre modifié {n}", "story": typed(n), "date_label": "vers 1960"}
        return client.post(url, {**data, **extra}, **headers)

    def stored():
        # Sendings are made in order: the title says how many edits got through.
        title = Contribution.objects.get(pk=contribution.pk).title
        return int(title.rsplit(" ", 1)[1]) + 1 if title.startswith("Titre modifié") else 0

    return post, stored


def _addition(home):
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    item = ArchiveItemPageFactory(parent=index)
    item.save_revision().publish()

    def post(client, n, email, extra, headers):
        data = {"comment": typed(n), "credit_name": "Paul W.", "email": email}
        return client.post(f"/contribuer/complement/{item.pk}/", {**data, **extra}, **headers)

    return post, ResidentAddition.objects.count


def _correction(home):
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    page = OralHistoryPageFactory(parent=index)
    page.save_revision().publish()
    segment = SegmentFactory(interview=InterviewFactory(page=page), text="Le porion attendez.")

    def post(client, n, email, extra, headers):
        data = {"proposed_text": typed(n), "credit_name": "Léa"}
        return client.post(
            f"/transcriptions/segments/{segment.pk}/correction/",
            {**data, **extra},
            **headers,
        )

    return post, SegmentCorrection.objects.count


def _volunteer_signup(home):
    festival = FestivalIndexPageFactory(parent=home)
    edition = EditionPageFactory(
        parent=festival,
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    # One shift per sending, an hour long with an hour's rest: eighteen over the three days.
    starts = [paris(YEAR, 6, 12 + n // 6, 8 + 2 * (n % 6)) for n in range(18)]
    shifts = [
        ShiftFactory(edition=edition, start=start, end=start + datetime.timedelta(hours=1))
        for start in starts
    ]

    def post(client, n, email, extra, headers):
        data = {
            "name": typed(n),
            "email": email,
            "shifts": [str(shifts[n].pk)],
            "consent": "on",
            "prerequisites_confirmed": "on",
        }
        return client.post(f"/benevoles/{YEAR}/", {**data, **extra}, **headers)

    return post, Signup.objects.count


def _links_resend(home):
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    item = ArchiveItemPageFactory(parent=index)
    item.save_revision().publish()
    # Addresses the site knows, so that each sending kept mails them their links.
    for email in ["marie@exemple.fr", "victime@exemple.fr"] + [
        f"voisin{n}@exemple.fr" for n in range(20)
    ]:
        ResidentAddition.objects.create(item=item, comment="Complément", email=email)

    def post(client, n, email, extra, headers):
        return client.post("/contribuer/mes-liens/", {"email": email, **extra}, **headers)

    return post, lambda: len(mail.outbox)


def _project_proposal(home):
    def post(client, n, email, extra, headers):
        data = proposal_form(title=f"Projet {n}", need=typed(n), email=email)
        return client.post("/projets/proposer/", {**data, **extra}, **headers)

    return post, Project.objects.count


def _sendings_through(text: str) -> int:
    """How many sendings got through, read from the latest typed text (sent in order)."""
    return int(text.rsplit(" ", 1)[1]) + 1 if text.startswith(typed(0)[:-1]) else 0


def _project_edit(home):
    project = ProjectFactory(status=ProjectStatus.RECEIVED, title="Avant")
    url = project_follow_path(token=project_follow_token(project=project)) + "modifier/"

    def post(client, n, email, extra, headers):
        data = {
            **proposal_form(title=f"Titre modifié {n}", need=typed(n)),
            "demandes-TOTAL_FORMS": "0",
        }
        return client.post(url, {**data, **extra}, **headers)

    return post, lambda: _sendings_through(Project.objects.get(pk=project.pk).need)


def _project_progress(home):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    url = project_follow_path(token=project_follow_token(project=project)) + "nouvelles/"

    def post(client, n, email, extra, headers):
        data = {"text": typed(n), "happened_on": timezone.localdate().isoformat()}
        return client.post(url, {**data, **extra}, **headers)

    return post, ProgressUpdate.objects.count


def _project_report(home):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    url = project_follow_path(token=project_follow_token(project=project)) + "bilan/"

    def post(client, n, email, extra, headers):
        return client.post(url, {"residents_account": typed(n), **extra}, **headers)

    def stored():
        report = CompletionReport.objects.filter(project=project).first()
        return _sendings_through(report.residents_account) if report else 0

    return post, stored


def _work_day_signup(home):
    work_day = WorkDayFactory(project__status=ProjectStatus.RUNNING)
    # Half an hour each, half an hour's rest: twelve in the day, never two at once.
    shifts = [
        WorkDayShiftFactory(
            work_day=work_day,
            start=on_work_day(work_day, 6 + n),
            end=on_work_day(work_day, 6 + n) + datetime.timedelta(minutes=30),
        )
        for n in range(12)
    ]

    def post(client, n, email, extra, headers):
        data = {"name": typed(n), "email": email, "shifts": [str(shifts[n].pk)], "consent": "on"}
        return client.post(work_day.volunteer_signup_url, {**data, **extra}, **headers)

    return post, Signup.objects.count


def _talk_proposal(home):
    evening = EveningFactory()

    def post(client, n, email, extra, headers):
        data = talk_proposal_form(
            evening=evening, title=f"Intervention {n}", summary=typed(n), email=email
        )
        return client.post("/taidx/proposer/", {**data, **extra}, **headers)

    return post, Talk.objects.count


def _speaker_url(talk, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"token": talk_speaker_token(talk=talk), **kwargs})


def _talk_text(home):
    talk = TalkContactFactory().talk

    def post(client, n, email, extra, headers):
        data = {"body": typed(n), "note": ""}
        return client.post(_speaker_url(talk, "talks:text"), {**data, **extra}, **headers)

    return post, TextVersion.objects.filter(talk=talk).count


def _talk_remark_answer(home):
    talk = TalkContactFactory().talk
    version = TextVersionFactory(talk=talk)
    remarks = [
        RemarkFactory(talk=talk, version=version, kind=RemarkKind.COMMENT, replacement="")
        for _n in range(limits("talk_speaker")["address"] + 1)
    ]

    def post(client, n, email, extra, headers):
        prefix = f"remark-{remarks[n].pk}"
        data = {f"{prefix}-decision": "seen", f"{prefix}-reply": typed(n)}
        extra = {f"{prefix}-{key}": value for key, value in extra.items()}
        url = _speaker_url(talk, "talks:remark_answer", pk=remarks[n].pk)
        return client.post(url, {**data, **extra}, **headers)

    return post, Remark.objects.filter(talk=talk, status=RemarkStatus.SEEN).count


def _talk_evaluation(home):
    talk = TalkFactory()

    def post(client, n, email, extra, headers):
        data = {
            "what_worked": typed(n),
            "what_did_not": "Les délais.",
            "town_should_change": "Répondre plus vite.",
        }
        return client.post(_speaker_url(talk, "talks:evaluate"), {**data, **extra}, **headers)

    def stored():
        evaluation = Evaluation.objects.filter(talk=talk).first()
        return _sendings_through(evaluation.what_worked) if evaluation else 0

    return post, stored


PUBLIC_FORMS = [
    PublicForm("contribution", ContributionForm, _contribution, mails_at_once=True),
    PublicForm("contribution_edit", ContributionEditForm, _contribution_edit, has_email=False),
    PublicForm("addition", ResidentAdditionForm, _addition),
    PublicForm("correction", CorrectionForm, _correction, has_email=False),
    PublicForm("volunteer_signup", SignupForm, _volunteer_signup, mails_at_once=True),
    PublicForm("links_resend", LinksResendForm, _links_resend, mails_at_once=True),
    PublicForm("project_proposal", ProposalForm, _project_proposal, mails_at_once=True),
    PublicForm("project_follow", ProjectFieldsForm, _project_edit, has_email=False),
    PublicForm("project_follow", ProgressForm, _project_progress, has_email=False),
    PublicForm("project_follow", ReportForm, _project_report, has_email=False),
    PublicForm("volunteer_signup", WorkDaySignupForm, _work_day_signup, mails_at_once=True),
    PublicForm("talk_proposal", TalkProposalForm, _talk_proposal, mails_at_once=True),
    PublicForm("talk_speaker", TextForm, _talk_text, has_email=False),
    PublicForm("talk_speaker", AnswerForm, _talk_remark_answer, has_email=False),
    PublicForm("talk_speaker", EvaluationForm, _talk_evaluation, has_email=False),
]


@pytest.fixture(params=PUBLIC_FORMS, ids=lambda form: form.form_class.__name__)
def public_form(request, home_page, django_capture_on_commit_callbacks):
    return _ready(request.param, home_page, django_capture_on_commit_callbacks)


@pytest.fixture(
    params=[form for form in PUBLIC_FORMS if form.has_email],
    ids=lambda form: form.form_class.__name__,
)
def public_form_with_email(request, home_page, django_capture_on_commit_callbacks):
    return _ready(request.param, home_page, django_capture_on_commit_callbacks)


def _ready(form, home_page, django_capture_on_commit_callbacks):
    post, stored = form.prepare(home_page)

    def send(client, n, email="marie@exemple.fr", **extra):
        # Request headers (upper case) travel with the form's fields in ``extra``.
        headers = {key: extra.pop(key) for key in list(extra) if key.isupper()}
        # Mails leave once the sending is committed: run what waits for the commit.
        with django_capture_on_commit_callbacks(execute=True):
            return post(client, n, email, extra, headers)

    return form, send, stored


def limits(scope: str) -> dict:
    return settings.PUBLIC_FORM_RATE_LIMITS[scope]


def _subclasses(cls) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_every_form_with_a_honeypot_is_in_the_table_with_its_limits():
    """A new public form (it mixes in the honeypot) must join the table above, and its
    limits the settings; the tests then run on it too."""
    assert {form.form_class for form in PUBLIC_FORMS} == _subclasses(HoneypotMixin)
    assert {form.scope for form in PUBLIC_FORMS} <= set(settings.PUBLIC_FORM_RATE_LIMITS)


def test_a_filled_honeypot_stores_and_mails_nothing(client, public_form):
    _form, send, stored = public_form
    page = send(client, 0, website="http://promo.example")

    assert page.status_code == 302  # a robot is told nothing
    assert stored() == 0
    assert mail.outbox == []


def test_the_honeypot_is_on_the_page_out_of_sight(client, public_form):
    _form, send, _stored = public_form
    # The form with one error shows again: the honeypot is in it, out of sight and reach.
    blank = {
        "title": "",
        "comment": "",
        "proposed_text": "",
        "name": "",
        "text": "",
        "residents_account": "",
        "body": "",
        "decision": "",
        "what_worked": "",
    }
    html = send(client, 0, email="", **blank).content.decode()
    assert 'class="form-honeypot" aria-hidden="true"' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_a_burst_from_one_address_is_cut_at_the_limit(client, public_form):
    form, send, stored = public_form
    limit = limits(form.scope)["address"]
    for n in range(limit):
        assert send(client, n, email=f"voisin{n}@exemple.fr").status_code == 302
    assert len(mail.outbox) == (limit if form.mails_at_once else 0)

    refused = send(client, limit, email=f"voisin{limit}@exemple.fr")

    assert refused.status_code == 429
    html = refused.content.decode()
    assert REFUSAL in html
    # Nothing typed is lost.
    kept = f"voisin{limit}@exemple.fr" if form.scope == "links_resend" else typed(limit)
    assert kept.replace("'", "&#x27;") in html
    assert stored() == limit
    assert len(mail.outbox) == (limit if form.mails_at_once else 0)


def test_the_limit_per_e_mail_address_holds_across_client_addresses(client, public_form_with_email):
    form, send, stored = public_form_with_email
    limit = limits(form.scope)["email"]
    for n in range(limit):
        page = send(client, n, email="victime@exemple.fr", REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert page.status_code == 302

    # Another connection, the same mailbox written differently.
    refused = send(client, limit, email=" Victime+encore@Exemple.fr", REMOTE_ADDR="198.51.100.7")

    assert refused.status_code == 429
    assert REFUSAL in refused.content.decode()
    assert stored() == limit
    assert len(mail.outbox) == (limit if form.mails_at_once else 0)


def test_thirty_contributions_in_a_few_seconds_mail_a_stranger_a_few_times_only(
    client, home_page, django_capture_on_commit_callbacks
):
    post, stored = _contribution(home_page)
    with django_capture_on_commit_callbacks(execute=True):
        codes = [post(client, n, "inconnu@exemple.fr", {}, {}).status_code for n in range(30)]

    kept = limits("contribution")["email"]
    assert codes == [302] * kept + [429] * (30 - kept)
    assert stored() == kept
    assert len(mail.outbox) == kept


def test_a_family_sends_several_memories_from_one_connection(client, home_page):
    post, stored = _contribution(home_page)
    codes = [post(client, n, "famille.dupont@exemple.fr", {}, {}).status_code for n in range(5)]
    codes += [post(client, n, f"enfant{n}@exemple.fr", {}, {}).status_code for n in range(5, 10)]

    assert codes == [302] * 10
    assert stored() == 10


def test_mistakes_in_the_form_do_not_count_towards_the_limit(client, home_page):
    post, stored = _contribution(home_page)
    for n in range(3 * limits("contribution")["address"]):
        assert post(client, n, "marie@exemple.fr", {"accept": ""}, {}).status_code == 200

    assert post(client, 99, "marie@exemple.fr", {}, {}).status_code == 302
    assert stored() == 1


@pytest.mark.parametrize(
    ("remote_addr", "counted_as"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::"),  # one household's /64 is one address
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("", "unknown"),
    ],
)
def test_client_addresses_are_counted_by_household(remote_addr, counted_as):
    request = RequestFactory().post("/", REMOTE_ADDR=remote_addr)
    assert client_address_key(request) == counted_as
