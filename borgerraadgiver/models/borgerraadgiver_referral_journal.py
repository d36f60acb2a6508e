"""The centre's answer registered on a referral (*Registrér svar*, or by the
advisor on the inquiry when it came by letter) is a document received: it is
noted on the referral's chatter and journalised. An answer that came by mail
is journalised as that mail (the gateway)."""

from markupsafe import Markup

from odoo import _, models, tools

# set by the gateway (message_update, as superuser) around its own write
ANSWER_BY_MAIL = "borgerraadgiver_answer_by_mail"


class BorgerraadgiverReferral(models.Model):
    _inherit = "borgerraadgiver.referral"

    def write(self, vals):
        answering = (
            self.filtered(lambda referral: not referral.answer_date)
            if vals.get("answer_date")
            else self.browse()
        )
        result = super().write(vals)
        if not (self.env.su and self.env.context.get(ANSWER_BY_MAIL)):
            answering._journalise_answer()
        return result

    def message_update(self, msg_dict, update_vals=None):
        return super(
            BorgerraadgiverReferral, self.with_context(**{ANSWER_BY_MAIL: True})
        ).message_update(msg_dict, update_vals=update_vals)

    def _journalise_answer(self):
        """A note with the registered answer, in the name of who registered
        it, journalised as received."""
        author = self.env.user.partner_id
        for referral in self.sudo():
            message = referral.message_post(
                subject=_(
                    "Answer from %(centre)s", centre=referral.centre_id.display_name
                ),
                body=Markup("<p>%s</p>%s")
                % (
                    _(
                        "The centre's answer to the citizen of %(date)s:",
                        date=tools.format_date(self.env, referral.answer_date),
                    ),
                    tools.plaintext2html(referral.answer or ""),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=author.id,
            )
            self.env["borgerraadgiver.journal.entry"]._journalise(
                message, direction="received"
            )
