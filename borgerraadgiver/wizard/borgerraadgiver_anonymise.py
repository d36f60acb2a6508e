from odoo import api, fields, models


class BorgerraadgiverAnonymise(models.TransientModel):
    """*Anonymisér nu*: the advisor confirms, with a reason, that an inquiry
    or a citizen (all of the citizen's inquiries) is anonymised at once."""

    _name = "borgerraadgiver.anonymise"
    _description = "Anonymise Now"

    inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry", readonly=True, ondelete="cascade"
    )
    citizen_id = fields.Many2one(
        "borgerraadgiver.citizen", readonly=True, ondelete="cascade"
    )
    # required by the form and by the confirmation (action_anonymise)
    reason = fields.Text(
        help="Why the data are erased before the retention period runs out "
        "(kept on the record and in its chatter): no personal data here.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Only for a record the user may anonymise: the wizard shows its
        name, which Odoo reads as superuser."""
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard._record()._check_anonymise()
        return wizards

    def write(self, vals):
        result = super().write(vals)
        for wizard in self:
            wizard._record()._check_anonymise()
        return result

    def _record(self):
        return self.inquiry_id or self.citizen_id

    def action_confirm(self):
        self.ensure_one()
        record = self._record()
        record.action_anonymise(self.reason)
        if record.exists():
            return {"type": "ir.actions.client", "tag": "soft_reload"}
        # the citizen was deleted: back to the register
        return self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_citizen_action"
        )
