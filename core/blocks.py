"""Content blocks shared by every page that tells something in free form."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"))
    text = blocks.TextBlock(label=_("texte"))
    link_page = blocks.PageChooserBlock(label=_("page liée"), required=False)
    link_label = blocks.CharBlock(label=_("libellé du lien"), required=False)

    class Meta:
        icon = "pick"
        label = _("encadré")
        template = "core/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("intertitre"), form_classname="title", template="core/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("paragraphe"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"],
    )
    image = ImageBlock(label=_("image"))
    quote = blocks.BlockQuoteBlock(label=_("citation"))
    callout = CalloutBlock()

    class Meta:
        template = "core/blocks/body.html"
