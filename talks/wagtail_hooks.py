"""The « Ch'ti TAIDx » admin menu: each audience's admin module adds its items to it through
the ``register_taidx_menu_item`` hook (as Wagtail's own settings menu is built)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from talks import (  # noqa: F401 -- each registers its hooks
    call_admin,
    evaluation_admin,
    evening_admin,
    text_admin,
)

taidx_menu = Menu(
    register_hook_name="register_taidx_menu_item", construct_hook_name="construct_taidx_menu"
)


@hooks.register("register_admin_menu_item")
def register_taidx_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Ch'ti TAIDx"), taidx_menu, icon_name="openquote", name="taidx", order=460
    )
