"""Who may do what in the Ch'ti TAIDx admin: the groups (created by migration 0002) and the
one check each admin view uses. Nobody may change a speaker's text: there is no permission to
give for it (see ``talks.models.TextVersion``)."""

from django.contrib.auth.models import AbstractBaseUser

TEAM_GROUP = "Ch'ti TAIDx"
HELPER_GROUP = "Accompagnement"


def user_is_helper(user: AbstractBaseUser) -> bool:
    """The « Accompagnement » role: may remark on a speaker's text (a superuser may too)."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=HELPER_GROUP).exists())
