from odoo import _, api, models
from odoo.exceptions import AccessError

from .borgerraadgiver_confidential_thread import (
    CONFIDENTIAL_MODELS,
    CONFIDENTIAL_THREADS,
    ONCHANGE_CHECKS_DOCUMENT,
    acts_as_advisor,
    check_document_readable,
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def onchange(self, values, field_names, fields_spec):
        """A new activity names its document as superuser (res_name): in
        the form's onchange, only a document the user may read."""
        return super(
            MailActivity, self.with_context(**{ONCHANGE_CHECKS_DOCUMENT: True})
        ).onchange(values, field_names, fields_spec)

    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        for activity in self.filtered("res_model"):
            check_document_readable(
                self.env[activity.res_model].browse(activity.res_id)
            )
        return super()._compute_res_name()

    def _check_access(self, operation):
        """Stock Odoo lets whoever may post on a document write and delete
        any of its activities; centre staff post on their centre's referrals
        and recommendations. On the addon's threads an activity is changed,
        done or deleted only by the advisor and by whoever it is assigned to
        or created it (mail.activity's own record rule): not the advisor's
        reminder of a recommendation's deadline by the centre's staff."""
        result = super()._check_access(operation)
        if (
            operation not in ("write", "unlink")
            or not self
            or self.env.su
            or acts_as_advisor(self.env)
        ):
            return result
        uid = self.env.uid
        others = self.browse(
            activity.id
            for activity in self.sudo()
            if activity.res_model in CONFIDENTIAL_THREADS
            and uid not in (activity.user_id.id, activity.create_uid.id)
        )
        if not others:
            return result
        forbidden = (result[0] | others) if result else others
        return forbidden, lambda: forbidden._make_access_error(operation)

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
