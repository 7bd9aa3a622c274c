"""Wagtail's two default groups, named in French: who writes the site's pages and who publishes
them. Wagtail's own first migration makes them as « Editors » and « Moderators »;
``home/0004_french_names_for_wagtail_groups`` renames them. Code and tests find them by these
names only. Not to be confused with the archive's « Modérateurs » (``archive.moderators``)."""

# Write and edit every page, but publish none (Wagtail's « Editors »).
EDITORS_GROUP = "Rédacteurs"
# Write, edit and publish every page, and approve them in the shared workflow (« Moderators »).
PUBLISHERS_GROUP = "Responsables de publication"
