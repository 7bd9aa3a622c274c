"""The project carriers' private link: one salt, how it is made, read and written out.

The token names only the project's random reference (``public_id``): unguessable and
tamper-proof, and always the same for a project (no timestamp), so the thanks page, every mail
and « Renvoyer mes liens » give one link. From it the lead confirms the address, follows the
proposal, edits it while it is not agreed, agrees to the agreement, posts progress, writes the
report and withdraws."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.links import SignedReference, site_root
from projects.models import Project, ProjectStatus

FOLLOW = SignedReference(salt="projects.project.follow")


def project_follow_token(*, project: Project) -> str:
    return FOLLOW.sign(project.public_id)


def project_from_token(*, token: str) -> Project | None:
    """The project a private link names; ``None`` if the link is forged or the project gone."""
    reference = FOLLOW.read(token)
    if reference is None:
        return None
    return Project.objects.filter(public_id=reference).select_related("place").first()


def project_follow_path(*, token: str) -> str:
    return reverse("projects:follow", kwargs={"token": token})


def project_follow_url(*, project: Project, site_url: str | None = None) -> str:
    path = project_follow_path(token=project_follow_token(project=project))
    return f"{site_root(site_url)}{path}"


# The e-mailed link carries a second code: only the mailbox that received it confirms the
# address, not whoever saw the follow link on the thanks page.
CONFIRM = SignedReference(salt="projects.project.confirm")


def project_confirm_code(*, project: Project) -> str:
    return CONFIRM.sign(project.public_id)


def project_confirm_code_valid(*, project: Project, code: str) -> bool:
    return CONFIRM.read(code) == str(project.public_id)


def project_confirm_url(*, project: Project, site_url: str | None = None) -> str:
    code = project_confirm_code(project=project)
    return f"{project_follow_url(project=project, site_url=site_url)}?confirmer={code}"


def project_private_links(*, email: str, site_root: str) -> list[tuple[str, str]]:
    """The follow links of the projects this address carries (for « Renvoyer mes liens »):
    a withdrawn project has no link left."""
    projects = (
        Project.objects.filter(contact__email__iexact=email.strip())
        .exclude(status=ProjectStatus.WITHDRAWN)
        .order_by("created_at", "pk")
    )
    return [
        (
            _("Votre projet fifty-fifty « %(title)s » (suivre, modifier, convention, nouvelles)")
            % {"title": project.title},
            project_follow_url(project=project, site_url=site_root),
        )
        for project in projects
    ]
