"""The team's internal notes on a project: written in the admin, never public, never sent."""

from projects.models import InternalNote, Project


def internal_note_add(*, project: Project, text: str, author=None) -> InternalNote:
    return InternalNote.objects.create(project=project, text=text.strip(), author=author)
