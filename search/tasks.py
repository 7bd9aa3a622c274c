"""Background work of the search: thin wrappers around ``search.services``."""

from django_tasks import task

from search import services


@task()
def sync_object(*, doc_type: str, object_id: int) -> str:
    return services.entry_sync(doc_type=doc_type, object_id=object_id)


@task()
def sync_subtree(*, page_id: int) -> int:
    return services.subtree_sync(page_id=page_id)
