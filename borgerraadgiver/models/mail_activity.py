from odoo import _, models
from odoo.exceptions import AccessError

from .borgerraadgiver_confidential_thread import CONFIDENTIAL_MODELS


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def write(self, vals):
        """An activity stays on its document where the addon's records are
        concerned: stock Odoo lets whoever may write an activity move it to
        any record (and then shows that record's name, computed as
        superuser)."""
        if not self.env.su and {"res_model_id", "res_model", "res_id"} & set(vals):
            concerned = set(self.mapped("res_model"))
            if vals.get("res_model_id"):
                model = self.env["ir.model"].sudo().browse(vals["res_model_id"])
                concerned.add(model.model)
            if vals.get("res_model"):
                concerned.add(vals["res_model"])
            if concerned & set(CONFIDENTIAL_MODELS):
                raise AccessError(
                    _(
                        "An activity of the citizens' advisor's case system "
                        "stays on its document."
                    )
                )
        return super().write(vals)
