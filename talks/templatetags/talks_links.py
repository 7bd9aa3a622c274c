"""The Ch'ti TAIDx on the pages of the apps below it: a project's page shows the talks that
tell it, an archive item's page the talk it records and the project that talk tells.

Registered here because the projects and the archive may not import the talks: their
templates load this library, their code knows nothing of it (as ``projects_archive``)."""

from django import template

from projects.selectors import told_projects
from talks.selectors import talks_recorded_in, talks_telling_project

register = template.Library()


@register.inclusion_tag("talks/public/project_talks.html")
def project_talks(project) -> dict:
    """« Raconté au Ch'ti TAIDx »: the public talks that tell ``project``, their evaluation."""
    return {"talks": talks_telling_project(project_id=project.pk) if project.pk else []}


@register.inclusion_tag("talks/public/item_talks.html")
def archive_item_talks(item) -> dict:
    """The public talks ``item`` records, and the public projects they tell."""
    talks = talks_recorded_in(item_id=item.pk) if item.pk else []
    project_ids = [talk.project_id for talk in talks if talk.project_id]
    return {
        "talks": talks,
        "item_projects": told_projects(project_ids=project_ids) if project_ids else [],
    }
