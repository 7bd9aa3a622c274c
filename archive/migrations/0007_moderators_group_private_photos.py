"""The « Modérateurs » group, and the image collections that keep contributed photos private.

Without it only a superuser could moderate, so the town would have to hand out superuser
accounts. The group gets exactly what moderating contributions and residents' additions
takes: the admin, the contributions (read, decline, attach, withdraw on request), the
additions (publish or decline), a place in the moderation task of the workflows pages use
and the right to publish below each archive (approving an item publishes it), and the
photos of the three collections below.

Photos awaiting moderation and research-only photos live in collections only moderators
(and superusers) browse. Wagtail's permissions on a collection reach every collection below
it, and every group had its image permissions on the root: they move to « Images du site »,
a sibling of the private ones, together with the images filed at the root. Safe to run
again: nothing is created twice.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# As ``archive.photo_collections`` names them (a migration keeps its own copy).
MODERATORS = "Modérateurs"
PUBLIC = "Images du site"
PENDING = "Photos en attente de modération"
RESEARCH_ONLY = "Recherche seulement"

ARCHIVE_PERMISSIONS = {
    "contribution": ["view", "change", "delete"],
    "residentaddition": ["view", "change"],
    "withdrawal": ["view"],
}
MODERATOR_IMAGE_PERMISSIONS = ["change_image", "choose_image"]


def _collection(apps, name):
    """The collection ``name`` just below the root, made once."""
    # Collections are a tree kept sorted by name (treebeard): only the live model knows how
    # to insert a node, and its table is the same as the migration state's here.
    from wagtail.models import Collection as LiveCollection

    Collection = apps.get_model("wagtailcore", "Collection")
    root = LiveCollection.get_first_root_node()
    existing = Collection.objects.filter(depth=2, name=name).order_by("path").first()
    if existing is not None:
        return existing
    return Collection.objects.get(pk=root.add_child(name=name).pk)


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def create_group_and_collections(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    CustomImage = apps.get_model("media", "CustomImage")

    root = Collection.objects.get(depth=1)
    public = _collection(apps, PUBLIC)
    private = [_collection(apps, PENDING), _collection(apps, RESEARCH_ONLY)]

    group, _created = Group.objects.get_or_create(name=MODERATORS)
    codenames = [f"{action}_{model}" for model, actions in ARCHIVE_PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *_permissions(apps, "archive", codenames),
        *_permissions(apps, "wagtailadmin", ["access_admin"]),
    )

    # Image rights given at the root would reach the private collections: they now apply to
    # the public collection, and so do the images that were filed at the root.
    image_permissions = _permissions(
        apps, "wagtailimages", ["add_image", "change_image", "choose_image", "delete_image"]
    )
    for granted in GroupCollectionPermission.objects.filter(
        collection=root, permission__in=image_permissions
    ).exclude(group=group):
        GroupCollectionPermission.objects.get_or_create(
            group_id=granted.group_id, collection=public, permission_id=granted.permission_id
        )
        granted.delete()
    CustomImage.objects.filter(collection=root).update(collection=public)

    for collection in [public, *private]:
        for permission in _permissions(apps, "wagtailimages", MODERATOR_IMAGE_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )

    # Approving an item in the workflow publishes it: moderators take part in every group
    # approval step of the workflows assigned to pages (Wagtail's « Moderators approval »).
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task_ids = WorkflowTask.objects.filter(workflow__workflow_pages__isnull=False).values("task_id")
    for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
        task.groups.add(group)
    # Wagtail lets an approval publish only if the approver may publish the page: moderators
    # may, below each archive (``archive.moderators`` does it for archives made later).
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    [publish] = _permissions(apps, "wagtailcore", ["publish_page"])
    for index_id in apps.get_model("archive", "ArchiveIndexPage").objects.values_list("pk", flat=True):
        GroupPagePermission.objects.get_or_create(group=group, page_id=index_id, permission=publish)


def remove_group_and_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    CustomImage = apps.get_model("media", "CustomImage")

    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()
    root = Collection.objects.get(depth=1)
    public = Collection.objects.filter(depth=2, name=PUBLIC).first()
    if public is None:
        return
    for granted in GroupCollectionPermission.objects.filter(collection=public):
        GroupCollectionPermission.objects.get_or_create(
            group_id=granted.group_id, collection=root, permission_id=granted.permission_id
        )
        granted.delete()
    CustomImage.objects.filter(collection=public).update(collection=root)
    # The private collections stay: the photos in them must not become visible to all.


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_contribution_attached"),
        ("media", "0003_caption_tracks"),
        # Every group that may hold root image rights, and those rights, exist by then.
        ("festival", "0005_volunteer_coordinators_group"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group_and_collections, remove_group_and_collections)]
