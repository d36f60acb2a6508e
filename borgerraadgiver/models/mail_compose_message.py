"""The composer (issue 14, item 5): given a parent message, it takes the
parent's document, name, subject and recipients as superuser (stored computed
fields). A parent on the addon's threads must be a message the user may
read."""

from odoo import api, models

from odoo.addons.mail.tools.parser import parse_res_ids

from .borgerraadgiver_confidential_thread import (
    ONCHANGE_CHECKS_DOCUMENT,
    check_document_readable,
)

# The composer's documents checked at its creation: the addon's records, and
# the ERP's records that can be the addon's (files, mails, messages)
CHECKED_STOCK_MODELS = ("ir.attachment", "mail.mail", "mail.message")


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def onchange(self, values, field_names, fields_spec):
        """A new composer names, and renders its template on, its documents
        as superuser: in the form's onchange, only documents the user may
        read."""
        return super(
            MailComposeMessage,
            self.with_context(**{ONCHANGE_CHECKS_DOCUMENT: True}),
        ).onchange(values, field_names, fields_spec)

    def _evaluate_res_ids(self):
        res_ids = super()._evaluate_res_ids()
        if self.model and res_ids:
            check_document_readable(self.env[self.model].browse(res_ids))
        return res_ids

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            context = self.env.context
            for vals in vals_list:
                self.env["mail.message"]._borgerraadgiver_check_parent(
                    vals.get("parent_id") or context.get("default_parent_id")
                )
                # its record name and subject are computed as superuser: on
                # the addon's records (and files, mails, messages) only for
                # who may read them
                model = vals.get("model") or context.get("default_model")
                if model and (
                    model.startswith("borgerraadgiver.")
                    or model in CHECKED_STOCK_MODELS
                ):
                    res_ids = vals.get("res_ids") or context.get("default_res_ids")
                    self.env[model].browse(
                        parse_res_ids(res_ids, self.env) or []
                    ).check_access("read")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.env["mail.message"]._borgerraadgiver_check_parent(
                vals.get("parent_id")
            )
        return super().write(vals)
