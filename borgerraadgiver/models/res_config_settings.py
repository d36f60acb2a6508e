from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    borgerraadgiver_centre_deadline_days = fields.Integer(
        string="Centre Deadline (days)",
        config_parameter="borgerraadgiver.centre_deadline_days",
        default=10,
        help="Days a centre has to answer an inquiry the advisor forwarded to it.",
    )
    borgerraadgiver_complaint_age_months = fields.Integer(
        string="Complaint Age Limit (months)",
        config_parameter="borgerraadgiver.complaint_age_months",
        default=6,
        help="The advisor is warned about complaints of events older than this "
        "(§1.3 of the rules: normally not handled).",
    )
