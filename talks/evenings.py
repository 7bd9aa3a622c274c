"""What the town's team does to an evening besides editing it: the order of its talks."""

from django.db import transaction

from talks.models import Evening, Talk, TalkStatus


def evening_talks_to_order(*, evening: Evening) -> list[Talk]:
    """The evening's accepted talks, in their current order."""
    return list(
        evening.talks.filter(status=TalkStatus.ACCEPTED)
        .order_by("position", "pk")
        .only("pk", "title", "speaker_name", "position", "evening_id")
    )


@transaction.atomic
def evening_talks_reorder(*, evening: Evening, talk_ids: list[int]) -> None:
    """Put the evening's accepted talks in the order of ``talk_ids`` (1, 2, 3…); an accepted
    talk left out keeps its place after them, a talk of another evening is ignored."""
    talks = {talk.pk: talk for talk in evening_talks_to_order(evening=evening)}
    ordered = [talks.pop(pk) for pk in talk_ids if pk in talks] + list(talks.values())
    for position, talk in enumerate(ordered, start=1):
        talk.position = position
    Talk.objects.bulk_update(ordered, ["position"])
