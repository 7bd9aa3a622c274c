import datetime

import pytest
from django.core import mail
from django.utils import timezone

from festival.models import Shift, Signup, SignupStatus, Volunteer
from festival.services import edition_prepare_next
from festival.volunteers import services
from outbox.sending import mails_retry
from tests.factories.festival import paris
from tests.factories.volunteers import (
    ShiftFactory,
    SignupFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
)

from .conftest import YEAR


def sign(edition, shifts, *, email="marie@exemple.fr", name="Marie Lefebvre", **kwargs):
    return services.signup_create(
        occasion=edition,
        name=name,
        email=email,
        shift_ids=[s.pk for s in shifts],
        **kwargs,
    )


def test_signup_create_holds_places_and_mails_link(
    volunteer_edition, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition, capacity=2)

    with django_capture_on_commit_callbacks(execute=True):
        result = sign(volunteer_edition, [shift], email="Marie@Exemple.fr")

    assert [s.status for s in result.signups] == [SignupStatus.PENDING]
    assert result.volunteer.email == "marie@exemple.fr"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["marie@exemple.fr"]
    assert "/benevoles/confirmer/" in mail.outbox[0].body
    assert "/benevoles/mes-creneaux/" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Confirmez votre inscription")


def test_signup_create_waitlists_when_shift_is_full(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    SignupFactory(shift=shift)

    result = sign(volunteer_edition, [shift])

    assert result.signups[0].status == SignupStatus.WAITLISTED


def test_signup_create_refuses_overlap_and_names_it(volunteer_edition):
    morning = ShiftFactory(
        edition=volunteer_edition,
        role=VolunteerRoleFactory(name="Buvette"),
        start=paris(YEAR, 6, 13, 10),
        end=paris(YEAR, 6, 13, 13),
    )
    overlapping = ShiftFactory(
        edition=volunteer_edition,
        role=VolunteerRoleFactory(name="Accueil"),
        start=paris(YEAR, 6, 13, 12),
        end=paris(YEAR, 6, 13, 14),
    )
    sign(volunteer_edition, [morning])

    with pytest.raises(services.SignupRefused) as refusal:
        sign(volunteer_edition, [overlapping])

    assert "Buvette" in refusal.value.message
    assert "Accueil" in refusal.value.message
    assert "chevauche" in refusal.value.message
    assert Signup.objects.filter(shift=overlapping).count() == 0


def test_signup_create_refuses_too_many_hours_in_a_row(volunteer_edition, settings):
    settings.VOLUNTEER_MAX_CONSECUTIVE_HOURS = 6
    first = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 13, 8), end=paris(YEAR, 6, 13, 12)
    )
    second = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 13, 12), end=paris(YEAR, 6, 13, 15)
    )

    with pytest.raises(services.SignupRefused) as refusal:
        sign(volunteer_edition, [first, second])

    assert "plus de 6 heures" in refusal.value.message
    assert not Signup.objects.exists()


def test_signup_create_allows_shifts_with_a_rest_between(volunteer_edition, settings):
    settings.VOLUNTEER_MAX_CONSECUTIVE_HOURS = 6
    first = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 13, 8), end=paris(YEAR, 6, 13, 12)
    )
    second = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 13, 13), end=paris(YEAR, 6, 13, 16)
    )

    result = sign(volunteer_edition, [first, second])

    assert len(result.signups) == 2


def test_signup_create_refuses_a_shift_already_confirmed(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)
    services.signup_confirm(volunteer=sign(volunteer_edition, [shift]).volunteer)

    with pytest.raises(services.SignupRefused, match="déjà inscrit"):
        sign(volunteer_edition, [shift])


def test_signing_up_again_while_unconfirmed_mails_the_confirmation_again(
    volunteer_edition, django_capture_on_commit_callbacks
):
    """The first e-mail was lost: the same form, sent again, is the way to get it back."""
    held = ShiftFactory(edition=volunteer_edition, capacity=1)
    other = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 14, 14), end=paris(YEAR, 6, 14, 16)
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = sign(volunteer_edition, [held])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = sign(volunteer_edition, [held, other])

    assert Signup.objects.filter(shift=held).count() == 1  # the place held, not taken twice
    assert {s.pk for s in again.signups} >= {first.signups[0].pk}
    assert sorted(s.shift_id for s in again.signups) == sorted([held.pk, other.pk])
    [message] = mail.outbox
    assert message.to == ["marie@exemple.fr"]
    assert "/benevoles/confirmer/" in message.body
    services.signup_confirm(volunteer=again.volunteer)
    assert set(Signup.objects.values_list("status", flat=True)) == {SignupStatus.CONFIRMED}


def test_signup_confirm_confirms_held_places(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)
    result = sign(volunteer_edition, [shift])

    changed = services.signup_confirm(volunteer=result.volunteer)

    assert [s.status for s in changed] == [SignupStatus.CONFIRMED]
    assert Signup.objects.get().status == SignupStatus.CONFIRMED
    assert services.signup_confirm(volunteer=result.volunteer) == []


def test_signup_cancel_promotes_first_confirmed_waiting_and_mails_them(
    volunteer_edition, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    holder = SignupFactory(shift=shift)
    first = SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.signup_cancel(signup=holder)

    assert promoted.pk == first.pk
    assert Signup.objects.get(pk=first.pk).status == SignupStatus.CONFIRMED
    assert Signup.objects.get(pk=holder.pk).status == SignupStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [[first.volunteer.email]]
    assert "une place s'est libérée" in mail.outbox[0].subject.lower()


def test_signup_cancel_skips_waiting_people_who_never_confirmed(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    holder = SignupFactory(shift=shift)
    SignupFactory(shift=shift, status=SignupStatus.WAITLISTED, email_confirmed_at=None)
    confirmed = SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    promoted = services.signup_cancel(signup=holder)

    assert promoted.pk == confirmed.pk


def test_waitlist_leave_takes_person_off(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    holder = SignupFactory(shift=shift)
    waiting = SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    assert services.waitlist_leave(signup=waiting) is True
    assert services.signup_cancel(signup=holder) is None
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CANCELLED


def test_signups_cancel_all_cancels_places_and_waitlist(volunteer_edition):
    volunteer = VolunteerFactory(edition=volunteer_edition)
    full = ShiftFactory(edition=volunteer_edition, capacity=1, start=paris(YEAR, 6, 12, 18))
    SignupFactory(shift=full)
    SignupFactory(shift=full, volunteer=volunteer, status=SignupStatus.WAITLISTED)
    SignupFactory(shift__edition=volunteer_edition, volunteer=volunteer)

    assert services.signups_cancel_all(volunteer=volunteer) == 2
    assert not volunteer.signups.exclude(status=SignupStatus.CANCELLED).exists()


def test_holds_expire_frees_unconfirmed_places_for_waiting_people(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    stale = sign(volunteer_edition, [shift], email="oubli@exemple.fr").signups[0]
    waiting = SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    later = stale.created_at + datetime.timedelta(hours=49)

    assert services.holds_expire(now=later - datetime.timedelta(hours=2)) == 0
    assert services.holds_expire(now=later) == 1

    assert Signup.objects.get(pk=stale.pk).status == SignupStatus.EXPIRED
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED


def test_reminders_send_once_per_shift_and_person(
    volunteer_edition, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition)
    SignupFactory(shift=shift)
    SignupFactory(shift=shift)
    SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    the_day_before = shift.start - datetime.timedelta(hours=20)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first_run = services.reminders_send(now=the_day_before)
        second_run = services.reminders_send(now=the_day_before + datetime.timedelta(hours=1))

    assert (first_run, second_run) == (2, 0)
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Rappel") for m in mail.outbox)


def test_reminders_send_waits_until_shift_is_near(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)
    SignupFactory(shift=shift)

    assert services.reminders_send(now=shift.start - datetime.timedelta(days=3)) == 0
    assert services.reminders_send(now=shift.start + datetime.timedelta(hours=1)) == 0


def test_volunteers_erase_expired_keeps_those_who_want_to_come_back(volunteer_edition):
    gone = VolunteerFactory(edition=volunteer_edition, phone="0601020304")
    stays = VolunteerFactory(edition=volunteer_edition, contact_next_year=True)
    SignupFactory(volunteer=gone, shift__edition=volunteer_edition)
    end = datetime.datetime.combine(
        volunteer_edition.end_date, datetime.time(12), tzinfo=datetime.UTC
    )

    assert services.volunteers_erase_expired(now=end + datetime.timedelta(days=200)) == 0
    assert services.volunteers_erase_expired(now=end + datetime.timedelta(days=370)) == 1

    gone = Volunteer.objects.get(pk=gone.pk)
    assert (gone.email, gone.phone) == ("", "")
    assert "Marie" not in gone.name and gone.erased_at is not None
    assert gone.signups.count() == 1  # statistics survive, anonymous
    assert Volunteer.objects.get(pk=stays.pk).email == stays.email


def test_shift_pair_first_timers_pairs_with_experienced(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=4)
    mentor = SignupFactory(shift=shift, volunteer__first_time=False)
    newcomer = SignupFactory(shift=shift, volunteer__first_time=True)

    assert services.shift_pair_first_timers(shift=shift) == 1
    assert Signup.objects.get(pk=newcomer.pk).paired_with_id == mentor.pk


def test_shift_message_send_mails_each_holder_separately(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=3)
    a, b = SignupFactory(shift=shift), SignupFactory(shift=shift)
    SignupFactory(shift=shift, status=SignupStatus.CANCELLED)
    mail.outbox.clear()

    sent = services.shift_message_send(
        shift=shift, subject="Changement de lieu", body="Rendez-vous à la Base 11/19."
    )

    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.volunteer.email, b.volunteer.email])
    assert "Rendez-vous à la Base 11/19." in mail.outbox[0].body


def test_edition_prepare_next_copies_shift_patterns(volunteer_edition):
    ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 13, 10), end=paris(YEAR, 6, 13, 13)
    )
    SignupFactory(shift__edition=volunteer_edition)

    new = edition_prepare_next(edition=volunteer_edition, year=YEAR + 1, offset_days=364)

    copies = list(Shift.objects.filter(edition=new).order_by("start"))
    assert len(copies) == 2
    assert copies[0].start == paris(YEAR, 6, 13, 10) + datetime.timedelta(days=364)
    assert not Signup.objects.filter(shift__edition=new).exists()


def test_a_new_signup_cannot_rewrite_a_confirmed_volunteer_until_confirmed(volunteer_edition):
    first, second = (
        ShiftFactory(edition=volunteer_edition, start=paris(YEAR, 6, 12 + n, 10)) for n in range(2)
    )
    result = sign(volunteer_edition, [first], contact_next_year=True, phone="06 01 02 03 04")
    services.signup_confirm(volunteer=result.volunteer)

    # Somebody else types Marie's address and other choices.
    sign(volunteer_edition, [second], name="Quelqu'un d'autre", contact_next_year=False)

    volunteer = Volunteer.objects.get(pk=result.volunteer.pk)
    assert (volunteer.name, volunteer.contact_next_year) == ("Marie Lefebvre", True)
    assert volunteer.phone == "06 01 02 03 04"

    # Only Marie, by her e-mail link, makes the change hers.
    services.signup_confirm(volunteer=volunteer)

    volunteer.refresh_from_db()
    assert (volunteer.name, volunteer.contact_next_year) == ("Quelqu'un d'autre", False)
    assert volunteer.pending_profile == {}


def test_a_reminder_the_mail_server_refused_goes_out_on_the_outbox_retry(
    volunteer_edition, settings, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition)
    SignupFactory(shift=shift, volunteer__email="lea@exemple.fr")
    the_day_before = shift.start - datetime.timedelta(hours=20)
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingSMTPBackend"

    with django_capture_on_commit_callbacks(execute=True):
        queued = services.reminders_send(now=the_day_before)
    # Claimed once: the next scheduler run does not queue it again.
    with django_capture_on_commit_callbacks(execute=True):
        queued_again = services.reminders_send(now=the_day_before + datetime.timedelta(hours=1))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    resent = mails_retry(now=timezone.now() + datetime.timedelta(days=1))

    assert (queued, queued_again, resent) == (1, 0, 1)
    assert [message.to for message in mail.outbox] == [["lea@exemple.fr"]]
    assert mail.outbox[0].subject.startswith("Rappel")


def test_signing_up_again_after_the_hold_expired_takes_a_new_place(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    first = sign(volunteer_edition, [shift]).signups[0]
    later = first.created_at + datetime.timedelta(hours=49)

    again = sign(volunteer_edition, [shift], now=later)

    assert Signup.objects.get(pk=first.pk).status == SignupStatus.EXPIRED
    [signup] = again.signups
    assert signup.pk != first.pk and signup.status == SignupStatus.PENDING
    assert Signup.objects.holding().filter(shift=shift).count() == 1


def test_confirming_a_waitlist_spot_takes_a_place_freed_meanwhile(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    holder = SignupFactory(shift=shift)
    waiting = sign(volunteer_edition, [shift])
    assert services.signup_cancel(signup=holder) is None  # nobody confirmed was waiting

    [changed] = services.signup_confirm(volunteer=waiting.volunteer)

    assert changed.email_confirmed_at is not None
    assert Signup.objects.get(pk=changed.pk).status == SignupStatus.CONFIRMED


def test_confirming_leaves_a_hold_that_expired_meanwhile_expired(volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    result = sign(volunteer_edition, [shift])
    Signup.objects.filter(pk=result.signups[0].pk).update(status=SignupStatus.EXPIRED)

    assert services.signup_confirm(volunteer=result.volunteer) == []
    assert Signup.objects.get().status == SignupStatus.EXPIRED


def test_a_new_person_signs_up_and_confirms_in_a_fixed_number_of_queries(
    volunteer_edition, django_assert_num_queries
):
    """The shifts' rows, which everyone signing up for the same shift waits on, are held for
    four queries; confirming a held place does not lock them at all."""
    shift = ShiftFactory(edition=volunteer_edition, capacity=5)

    with django_assert_num_queries(9):
        result = sign(volunteer_edition, [shift])
    with django_assert_num_queries(4):
        services.signup_confirm(volunteer=result.volunteer)

    assert Signup.objects.get().status == SignupStatus.CONFIRMED
