from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    borgerraadgiver_centre_deadline_days = fields.Integer(
        string="Centre Deadline (working days)",
        config_parameter="borgerraadgiver.centre_deadline_days",
        default=10,
        help="Working days a centre has to answer an inquiry the advisor "
        "forwarded to it, unless the centre has its own deadline.",
    )
    borgerraadgiver_deadline_notice_days = fields.Integer(
        string="Deadline Notice (working days)",
        config_parameter="borgerraadgiver.deadline_notice_days",
        default=2,
        help="Working days before its deadline a centre is reminded of an "
        "inquiry; 0 sends no notice.",
    )
    borgerraadgiver_resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working-Time Calendar",
        config_parameter="borgerraadgiver.resource_calendar_id",
        default=lambda self: self.env.ref(
            "borgerraadgiver.resource_calendar_municipality", raise_if_not_found=False
        ),
        help="The municipality's working days: the centres' deadlines count "
        "them. The Danish public holidays are added to it every year.",
    )
    borgerraadgiver_complaint_age_months = fields.Integer(
        string="Complaint Age Limit (months)",
        config_parameter="borgerraadgiver.complaint_age_months",
        default=6,
        help="The advisor is warned about complaints of events older than this "
        "(§1.3 of the rules: normally not handled).",
    )

    def set_values(self):
        super().set_values()
        calendar = self.borgerraadgiver_resource_calendar_id
        if calendar:
            year = fields.Date.context_today(self).year
            calendar.sudo()._borgerraadgiver_sync_holidays([year, year + 1])
            self.env["borgerraadgiver.inquiry"]._recount_answer_working_days(year)
