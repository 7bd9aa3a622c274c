"""The team's dashboard: mails the site gave up sending, with the reason, so someone can
tell the person another way (the periodic jobs stop after ``outbox.sending.MAX_ATTEMPTS``)."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from outbox.selectors import mail_summary, mails_given_up


class GivenUpMailsPanel(Component):
    name = "outbox_given_up"
    order = 60
    template_name = "outbox/given_up_panel.html"

    def get_context_data(self, parent_context=None):
        rows = [(mail, *mail_summary(mail)) for mail in mails_given_up()[:10]]
        return {"rows": rows}


@hooks.register("construct_homepage_panels")
def add_given_up_mails_panel(request, panels):
    if request.user.has_perm("outbox.view_outgoingmail") and mails_given_up().exists():
        panels.append(GivenUpMailsPanel())
