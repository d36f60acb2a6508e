from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import str2bool

from .municipal_day import municipal_today

# The addon's integer settings (system parameters) and their defaults: the
# settings form shows these, the code reads them with get_int_param
INT_PARAMS = {
    "borgerraadgiver.centre_deadline_days": 10,
    "borgerraadgiver.deadline_notice_days": 2,
    "borgerraadgiver.complaint_age_months": 6,
    "borgerraadgiver.access_log_months": 24,
    "borgerraadgiver.access_log_sample_size": 25,
    "borgerraadgiver.retention_years": 5,
    "borgerraadgiver.returning_days": 365,
}


CITIZEN_REQUIRED = "borgerraadgiver.citizen_required"


# The access log is kept at least this long, whatever the parameter says: a
# log a settings user could empty would prove nothing (Datatilsynet expects
# months of logs to review)
MIN_ACCESS_LOG_MONTHS = 6


def is_citizen_required(env):
    """Whether the municipality requires the citizen to handle an inquiry
    (default: a citizen may stay anonymous)."""
    value = env["ir.config_parameter"].sudo().get_param(CITIZEN_REQUIRED)
    return str2bool(value or "False", default=False)


def get_int_param(env, key):
    """An integer setting of the addon (a system parameter), its default
    when it was never set."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    return INT_PARAMS[key] if value in (None, False, "") else int(value)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    borgerraadgiver_centre_deadline_days = fields.Integer(
        string="Centre Deadline (working days)",
        config_parameter="borgerraadgiver.centre_deadline_days",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.centre_deadline_days"],
        help="Working days a centre has to answer an inquiry the advisor "
        "forwarded to it, unless the centre has its own deadline.",
    )
    borgerraadgiver_deadline_notice_days = fields.Integer(
        string="Deadline Notice (working days)",
        config_parameter="borgerraadgiver.deadline_notice_days",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.deadline_notice_days"],
        help="Working days before its deadline a centre is reminded of an "
        "inquiry; 0 sends no notice.",
    )
    borgerraadgiver_resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working-Time Calendar",
        config_parameter="borgerraadgiver.resource_calendar_id",
        groups="borgerraadgiver.group_admin",
        default=lambda self: self.env.ref(
            "borgerraadgiver.resource_calendar_municipality", raise_if_not_found=False
        ),
        help="The municipality's working days: the centres' deadlines count "
        "them. The Danish public holidays are added to it every year.",
    )
    borgerraadgiver_complaint_age_months = fields.Integer(
        string="Complaint Age Limit (months)",
        config_parameter="borgerraadgiver.complaint_age_months",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.complaint_age_months"],
        help="The advisor is warned about complaints of events older than this "
        "(§1.3 of the rules: normally not handled).",
    )
    borgerraadgiver_citizen_required = fields.Boolean(
        string="Citizen Required",
        config_parameter=CITIZEN_REQUIRED,
        groups="borgerraadgiver.group_admin",
        help="An inquiry is started, forwarded or closed only with its citizen; "
        "a misdirected inquiry may still be closed without one. Otherwise a "
        "citizen may stay anonymous.",
    )

    borgerraadgiver_access_log_months = fields.Integer(
        string="Access Log Kept (months)",
        config_parameter="borgerraadgiver.access_log_months",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.access_log_months"],
        help="Lines of the access log older than this are deleted every day.",
    )
    borgerraadgiver_access_log_sample_size = fields.Integer(
        string="Access Log Sample (lines)",
        config_parameter="borgerraadgiver.access_log_sample_size",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.access_log_sample_size"],
        help="Lines of the past month drawn at random for the administrators' "
        "monthly review of the access log.",
    )

    borgerraadgiver_retention_years = fields.Integer(
        string="Retention Period (years)",
        config_parameter="borgerraadgiver.retention_years",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.retention_years"],
        help="Years after an inquiry was closed or cancelled before it is "
        "anonymised, unless its category has a period of its own.",
    )

    borgerraadgiver_returning_days = fields.Integer(
        string="Returning Citizens (days)",
        config_parameter="borgerraadgiver.returning_days",
        groups="borgerraadgiver.group_admin",
        default=INT_PARAMS["borgerraadgiver.returning_days"],
        help="A new inquiry shows the citizen's inquiries in progress and those "
        "closed at most this many days before it was received, to be linked "
        "as the earlier inquiry it continues.",
    )

    def _borgerraadgiver_fields(self):
        return {name for name in self._fields if name.startswith("borgerraadgiver_")}

    def _borgerraadgiver_admin(self):
        return self.env.su or self.env.user.has_group("borgerraadgiver.group_admin")

    @api.model
    def default_get(self, fields_list):
        """The addon's settings are read by its administrator only: their
        fields' groups keep them out of a read, not out of default_get, which
        gave them to any user over RPC."""
        defaults = super().default_get(fields_list)
        if not self._borgerraadgiver_admin():
            for name in self._borgerraadgiver_fields():
                defaults.pop(name, None)
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        """Only the addon's administrator changes its settings (a user with
        Settings rights alone could otherwise shorten the access log or the
        retention period over RPC)."""
        ours = {name for vals in vals_list for name in vals} & (
            self._borgerraadgiver_fields()
        )
        if ours and not self._borgerraadgiver_admin():
            raise AccessError(
                _("Only the citizens' advisor's administrator changes its settings.")
            )
        return super().create(vals_list)

    @api.constrains(
        "borgerraadgiver_access_log_months", "borgerraadgiver_retention_years"
    )
    def _check_borgerraadgiver_minimums(self):
        minimums = (
            (
                "borgerraadgiver_access_log_months",
                MIN_ACCESS_LOG_MONTHS,
                _("%(field)s must be at least %(months)s months."),
            ),
            (
                "borgerraadgiver_retention_years",
                1,
                _("%(field)s must be at least one year."),
            ),
        )
        for settings in self:
            for name, minimum, message in minimums:
                if settings[name] < minimum:
                    label = settings._fields[name]._description_string(self.env)
                    raise ValidationError(message % {"field": label, "months": minimum})

    @api.constrains("borgerraadgiver_returning_days")
    def _check_borgerraadgiver_returning_days(self):
        for settings in self:
            if settings.borgerraadgiver_returning_days < 0:
                label = settings._fields[
                    "borgerraadgiver_returning_days"
                ]._description_string(self.env)
                raise ValidationError(_("%(field)s cannot be negative.", field=label))

    def set_values(self):
        result = super().set_values()
        # Odoo deletes an integer parameter set to 0, which would bring back
        # the default: 0 notice days means no notice, so it is kept as "0"
        self.env["ir.config_parameter"].sudo().set_param(
            "borgerraadgiver.deadline_notice_days",
            str(self.borgerraadgiver_deadline_notice_days),
        )
        # and 0 days for returning citizens means "inquiries in progress only"
        self.env["ir.config_parameter"].sudo().set_param(
            "borgerraadgiver.returning_days",
            str(self.borgerraadgiver_returning_days),
        )
        calendar = self.borgerraadgiver_resource_calendar_id
        if calendar:
            year = municipal_today(self.env).year
            calendar.sudo()._borgerraadgiver_sync_holidays([year, year + 1])
            self.env["borgerraadgiver.inquiry"]._recount_answer_working_days(year)
        return result
