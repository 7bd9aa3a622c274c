"""Wagtail's page passwords, with a limit on the attempts.

A page an editor protects with a password (Wagtail's privacy « mot de passe ») has no account
behind it, so django-axes has nothing to lock, and anyone could try a dictionary against it.
Each client address may try ``PUBLIC_FORM_RATE_LIMITS["page_password"]`` times in the window
it names, counted in the cache like the public forms (``core.form_protection``); beyond, the
form comes back with a French message next to the field (429), right password or not."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from core.form_protection import rate_limit_hit


class _RefusedPasswordForm(PasswordViewRestrictionForm):
    """The same form, refused without the password being compared at all."""

    def __init__(self, *args, retry_seconds: int, **kwargs):
        self.retry_seconds = retry_seconds
        super().__init__(*args, **kwargs)

    def clean_password(self):
        minutes = max(1, -(-self.retry_seconds // 60))
        raise forms.ValidationError(
            ngettext(
                "Trop d'essais de mot de passe depuis cette connexion : réessayez dans "
                "%(minutes)s minute. Si vous ne connaissez pas le mot de passe, demandez-le "
                "à la personne qui vous a donné le lien de cette page.",
                "Trop d'essais de mot de passe depuis cette connexion : réessayez dans "
                "%(minutes)s minutes. Si vous ne connaissez pas le mot de passe, demandez-le "
                "à la personne qui vous a donné le lien de cette page.",
                minutes,
            )
            % {"minutes": minutes}
        )


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's own view, once the address is within its limit."""
    if request.method == "POST":
        retry_seconds = rate_limit_hit(request=request, scope="page_password")
        if retry_seconds:
            restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
            page = get_object_or_404(Page, id=page_id).specific
            form = _RefusedPasswordForm(
                request.POST, instance=restriction, retry_seconds=retry_seconds
            )
            form.is_valid()
            action_url = reverse(
                "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
            )
            response = page.serve_password_required_response(request, form, action_url)
            response.status_code = 429
            return response
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
