"""Fifty people sign up at once for the last places of a shift, then all confirm at once.

Measured as production serves them: production runs ``WEB_CONCURRENCY`` (3) gunicorn sync
workers, each a process of its own answering one request at a time, so here ``WORKERS``
processes (forked once the shift is made, each with its own database connection opened before
the start) take the fifty people from one shared queue, one after another, through what each
request calls. Two requests of a person, two waves, each timed on its own:
- the sign-up form's answer (``signup_create``): everyone clicks « Je m'inscris » at the same
  instant;
- the e-mail's link (``volunteer_from_confirm_token``, then ``signup_confirm``): everyone
  follows it at the same instant — the worst case, since a link is followed when its mail
  arrives, not all together.
A person's time runs from the common instant to the end of their request, so it counts the
wait behind the people served before them, as a visitor's would behind a busy server. (Fifty
threads in one process would measure Python's lock, which no server shares between its
workers; the HTTP layer, the same for every form, is not timed.)

The tasks go to the database queue as in production (``bench/settings.py``): the confirmation
mails are rows for the worker, counted in the result, not rendered and sent inside the timed
call. Proves that exactly the capacity is held — no place given twice — and times each
request (goal p95 < 200 ms). On SQLite the writes queue behind one lock; PostgreSQL is the
real test (row locks).

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.signups --json out.json"""

import argparse
import datetime
import json
import multiprocessing
import os
import queue
import statistics
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench.load import percentile
from festival.models import EditionPage
from festival.volunteers.links import confirm_token, volunteer_from_confirm_token
from festival.volunteers.models import Shift, Signup, SignupStatus, Volunteer, VolunteerRole
from festival.volunteers.services import SignupRefused, signup_confirm, signup_create
from outbox.tasks import send_queued_mail

PEOPLE = 50
CAPACITY = 10
TAKEN = 7
# Production's gunicorn workers (deploy/entrypoint.sh, WEB_CONCURRENCY).
WORKERS = 3
# Time for every process to start and open its connection before the common instant.
START_DELAY = 1.5


def _sign_up(*, edition: EditionPage, shift_id: int, email: str, name: str) -> str:
    """The sign-up form's request: a place held, or a waitlist spot."""
    try:
        result = signup_create(occasion=edition, name=name, email=email, shift_ids=[shift_id])
        return result.signups[0].status
    except SignupRefused:
        return "refused"
    except Exception as error:  # noqa: BLE001 -- counted and shown, not hidden
        return f"error: {type(error).__name__}: {error}"


def _confirm(token: str) -> str:
    """The e-mail link's request: the volunteer it names, their places confirmed."""
    try:
        volunteer = volunteer_from_confirm_token(token)
        if volunteer is None:
            return "error: lien de confirmation refusé"
        signup_confirm(volunteer=volunteer)
        return "confirmed"
    except Exception as error:  # noqa: BLE001 -- counted and shown, not hidden
        return f"error: {type(error).__name__}: {error}"


def _worker(*, serve, start_at: float, people, results) -> None:
    """One server process: waits for the common instant, then serves people one at a time."""
    connection.ensure_connection()
    time.sleep(max(0.0, start_at - time.time()))
    while True:
        try:
            person = people.get_nowait()
        except queue.Empty:
            break
        cpu = time.process_time()
        outcome = serve(person)
        cpu_ms = (time.process_time() - cpu) * 1000
        results.put(((time.time() - start_at) * 1000, cpu_ms, outcome))
    connections.close_all()


def _wave(serve, people: list, *, workers: int) -> dict:
    """Everyone in ``people`` at the same instant, served by ``workers`` forked processes."""
    # Forked: the children inherit the loaded site; none may share the parent's connection.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    waiting, results = context.Queue(), context.Queue()
    for person in people:
        waiting.put(person)
    start_at = time.time() + START_DELAY
    processes = [
        context.Process(
            target=_worker,
            kwargs={"serve": serve, "start_at": start_at, "people": waiting, "results": results},
        )
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    measured = [results.get(timeout=300) for _ in people]
    for process in processes:
        process.join(timeout=60)
    timings = [ms for ms, _cpu, _outcome in measured]
    return {
        "seconds": time.time() - start_at,
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 95),
        # What one request costs the server's Python, whatever the machine's load: the
        # latency above is about that times the people a worker serves before.
        "cpu_ms_median": statistics.median(cpu for _ms, cpu, _outcome in measured),
        "outcomes": [outcome for _ms, _cpu, outcome in measured],
    }


def _tasks_queued() -> int:
    return DBTaskResult.objects.filter(task_path=send_queued_mail.module_path).count()


def signups_race(
    *, people: int = PEOPLE, capacity: int = CAPACITY, taken: int = TAKEN, workers: int = WORKERS
) -> dict:
    """``people`` sign up at once for a shift with ``capacity - taken`` places left, then follow
    their confirmation links at once, served by ``workers`` processes."""
    edition = EditionPage.objects.order_by("-year").first()
    start = timezone.now() + datetime.timedelta(days=30)
    shift = Shift.objects.create(
        edition=edition,
        role=VolunteerRole.objects.first(),
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=capacity,
    )
    run = str(shift.pk)  # addresses of this run's own: the bench may run twice on one database
    for number in range(taken):
        email = f"deja-{run}-{number}@exemple.fr"
        _sign_up(edition=edition, shift_id=shift.pk, email=email, name=f"Déjà inscrit {number}")
    for volunteer in Volunteer.objects.filter(signups__shift=shift):
        signup_confirm(volunteer=volunteer)
    queued_database = settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    tasks_before = _tasks_queued() if queued_database else 0

    signing_up = _wave(
        lambda number: _sign_up(
            edition=edition,
            shift_id=shift.pk,
            email=f"course-{run}-{number}@exemple.fr",
            name=f"Bénévole {number}",
        ),
        list(range(people)),
        workers=workers,
    )
    # The links their mails carry, followed by everyone at once.
    newcomers = Volunteer.objects.filter(signups__shift=shift, email__startswith=f"course-{run}-")
    confirming = _wave(
        _confirm, [confirm_token(volunteer) for volunteer in newcomers], workers=workers
    )
    outcomes = signing_up.pop("outcomes") + confirming.pop("outcomes")

    signups = Signup.objects.filter(shift=shift)
    holding = signups.filter(status__in=[SignupStatus.CONFIRMED, SignupStatus.PENDING]).count()
    return {
        "vendor": connection.vendor,
        "method": f"{workers} processus servant chacun une requête à la fois",
        "workers": workers,
        "people": people,
        "capacity": capacity,
        "places_left": capacity - taken,
        "holding": holding,
        "exact": holding == capacity,
        "confirmed": signups.filter(status=SignupStatus.CONFIRMED).count(),
        "waitlisted": signups.filter(status=SignupStatus.WAITLISTED).count(),
        "links_followed": signups.filter(email_confirmed_at__isnull=False).count() - taken,
        "errors": [outcome for outcome in outcomes if outcome.startswith("error")][:5],
        "task_backend": settings.TASKS["default"]["BACKEND"],
        # One confirmation mail per person, left in the tasks table for the worker.
        "mails_queued": _tasks_queued() - tasks_before if queued_database else None,
        # The sign-up form's answers, then the confirmation links'.
        **signing_up,
        "confirm": confirming,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args(argv)
    measured = signups_race(workers=args.workers)
    args.json.write_text(json.dumps(measured, indent=2))
    return measured


if __name__ == "__main__":
    main()
