from odoo import _, api, fields, models
from odoo.exceptions import UserError


class BorgerraadgiverInquiryReference(models.AbstractModel):
    """The inquiry a record of (res_model, res_id) belongs to, as a field the
    record rules of borgerraadgiver can search: followers and attachments,
    which stock Odoo does not check against their document."""

    _name = "borgerraadgiver.inquiry.reference"
    _description = "Link to an Inquiry"

    borgerraadgiver_inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        string="Inquiry",
        compute="_compute_borgerraadgiver_inquiry_id",
        search="_search_borgerraadgiver_inquiry_id",
        compute_sudo=True,
        groups="base.group_system",
        help="The inquiry the record belongs to, for the record rules of "
        "borgerraadgiver.",
    )

    @api.depends("res_model", "res_id")
    def _compute_borgerraadgiver_inquiry_id(self):
        Inquiry = self.env["borgerraadgiver.inquiry"]
        for record in self:
            record.borgerraadgiver_inquiry_id = Inquiry.browse(
                record.res_id if record.res_model == Inquiry._name else []
            )

    def _search_borgerraadgiver_inquiry_id(self, operator, value):
        inquiry = "borgerraadgiver.inquiry"
        if operator in ("=", "!=") and not value:
            return [("res_model", "!=" if operator == "=" else "=", inquiry)]
        if operator == "=":
            operator, value = "in", [value]
        elif operator == "!=":
            operator, value = "not in", [value]
        if operator == "in":
            return [("res_model", "=", inquiry), ("res_id", "in", value)]
        if operator == "not in":
            return ["|", ("res_model", "!=", inquiry), ("res_id", "not in", value)]
        raise UserError(_("Unsupported search on the inquiry: %s", operator))
