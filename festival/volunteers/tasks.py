"""Volunteer e-mails sent by the worker: thin wrappers that load rows and call ``emails``."""

from django_tasks import task


@task()
def mail_confirmation(volunteer_id: int, site_root: str) -> bool:
    from festival.models import Volunteer
    from festival.volunteers.emails import send_confirmation

    volunteer = Volunteer.objects.filter(pk=volunteer_id).select_related("edition").first()
    if volunteer is None:
        return False
    send_confirmation(volunteer=volunteer, site_root=site_root)
    return True


@task()
def mail_promoted(signup_id: int, site_root: str) -> bool:
    from festival.models import Signup
    from festival.volunteers.emails import send_promoted

    signup = (
        Signup.objects.filter(pk=signup_id)
        .select_related("volunteer", "shift__role", "shift__venue")
        .first()
    )
    if signup is None:
        return False
    send_promoted(signup=signup, site_root=site_root)
    return True
