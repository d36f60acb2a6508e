from odoo import api, fields, models

from ..models.consent import FORWARD_WITHOUT_CONSENT
from ..models.municipal_day import municipal_today


class BorgerraadgiverReferralSend(models.TransientModel):
    """The advisor writes what the centre gets before she forwards: the
    subject and description (prefilled from the inquiry), whether the
    citizen's contact details go along (only with the citizen's consent),
    and which of the inquiry's files. Opened after the advisor confirmed a
    forward without the citizen's consent, it forwards with that
    confirmation (models/consent.py)."""

    _name = "borgerraadgiver.referral.send"
    _description = "Send a Referral to the Centre"

    inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry", required=True, readonly=True, ondelete="cascade"
    )
    centre_id = fields.Many2one(related="inquiry_id.centre_id")
    centre_email = fields.Char(related="inquiry_id.centre_id.email")
    deadline = fields.Date(
        compute="_compute_deadline",
        help="The centre's deadline, counted in working days from today.",
    )
    subject = fields.Char(
        required=True, help="The matter in a few words, as the centre will read it."
    )
    description = fields.Text(
        help="The concrete description of the citizen's complaint the centre "
        "gets: write only what the centre needs."
    )
    consent_forwarding = fields.Boolean(related="inquiry_id.consent_forwarding")
    consent_contact_details = fields.Boolean(
        related="inquiry_id.consent_contact_details"
    )
    forward_without_consent = fields.Boolean(
        readonly=True,
        help="The advisor confirmed forwarding without the citizen's consent.",
    )
    share_contact_details = fields.Boolean(
        string="Share the Citizen's Contact Details",
        help="Send the citizen's name, address, phone and e-mail along, for the "
        "centre to answer the citizen directly: only with the citizen's "
        "consent.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Files to Share",
        help="Files of the inquiry the centre gets with the referral.",
    )
    available_attachment_ids = fields.Many2many(
        "ir.attachment", compute="_compute_available_attachment_ids"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        inquiry = self.env["borgerraadgiver.inquiry"].browse(
            values.get("inquiry_id") or self.env.context.get("default_inquiry_id")
        )
        if inquiry:
            values.setdefault("subject", inquiry.subject)
            values.setdefault("description", inquiry.description)
            values.setdefault("share_contact_details", inquiry.consent_contact_details)
        return values

    @api.depends("inquiry_id")
    def _compute_deadline(self):
        today = municipal_today(self.env)
        for wizard in self:
            wizard.deadline = wizard.inquiry_id._centre_deadline_from(today)

    @api.depends("inquiry_id")
    def _compute_available_attachment_ids(self):
        for wizard in self:
            wizard.available_attachment_ids = self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "borgerraadgiver.inquiry"),
                    ("res_id", "=", wizard.inquiry_id.id),
                ]
            )

    def action_send(self):
        self.ensure_one()
        self.inquiry_id.with_context(
            **{FORWARD_WITHOUT_CONSENT: self.forward_without_consent}
        ).action_forward(
            subject=self.subject,
            description=self.description,
            share_contact_details=self.share_contact_details,
            attachment_ids=self.attachment_ids.ids,
        )
        return {"type": "ir.actions.act_window_close"}
