"""The work-day sign-up form: the volunteer shifts' form, in a work day's words."""

from django.utils.translation import gettext_lazy as _

from festival.volunteers.forms import SignupForm


class WorkDaySignupForm(SignupForm):
    # A work day does not come back next year: nothing to be recontacted for.
    contact_next_year = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "J'accepte que mes coordonnées servent à organiser ce chantier ; elles sont "
            "effacées après le chantier"
        )
        self.fields["first_time"].label = _(
            "C'est mon premier chantier participatif (nous vous mettrons en binôme)"
        )
