from odoo import api, fields, models

from ..models.municipal_day import municipal_today


class BorgerraadgiverReferralAnswer(models.TransientModel):
    """*Registrér svar*: the centre records the day it answered the citizen
    and what it answered."""

    _name = "borgerraadgiver.referral.answer"
    _description = "Register the Centre's Answer"

    referral_id = fields.Many2one(
        "borgerraadgiver.referral", required=True, readonly=True, ondelete="cascade"
    )
    answer_date = fields.Date(
        string="Answered On",
        required=True,
        default=lambda self: municipal_today(self.env),
        help="The day the centre answered the citizen.",
    )
    answer = fields.Text(
        required=True, help="What the centre answered the citizen, in short."
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Only for a referral the user may answer: the wizard shows the
        referral's number, which Odoo reads as superuser."""
        for vals in vals_list:
            referral_id = vals.get("referral_id") or self.env.context.get(
                "default_referral_id"
            )
            self.env["borgerraadgiver.referral"].browse(referral_id).check_access(
                "write"
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("referral_id"):
            self.env["borgerraadgiver.referral"].browse(
                vals["referral_id"]
            ).check_access("write")
        return super().write(vals)

    def action_register(self):
        self.ensure_one()
        self.referral_id.write({"answer_date": self.answer_date, "answer": self.answer})
        return {"type": "ir.actions.act_window_close"}
