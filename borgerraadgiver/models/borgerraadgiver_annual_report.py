import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .borgerraadgiver_statistics import REPORT_LANG
from .findings_report import findings_sections
from .municipal_day import municipal_today

REPORT_GROUPS = ("borgerraadgiver.group_advisor", "borgerraadgiver.group_statistics")
# The report's own text around the tables, written by the advisor alone (she
# is independent, §1.1); a new report starts from last year's
TEXT_FIELDS = (
    "framework",
    "method",
    "supervision_text",
    "conclusion",
    "recommendations",
)
# The earliest day a report's period may start; it may end at the latest on
# the last day of next year (a period up to year 9999 overflows Python's dates)
FIRST_PERIOD_DAY = date(1970, 1, 1)


class BorgerraadgiverAnnualReport(models.Model):
    """The yearly report to Direktionen and Økonomiudvalget (§2.4, §3, §4):
    its period, the conclusion and the recommendations, kept per year."""

    _name = "borgerraadgiver.annual.report"
    _description = "Annual Report"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(
        compute="_compute_name", store=True, help="The report's title, from its period."
    )
    date_from = fields.Date(
        string="From",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_from(),
        help="The first day the counted inquiries were received.",
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_to(),
        help="The last day the counted inquiries were received.",
    )
    # Computed as superuser: whoever may create a report (the advisor and the
    # statistics group, see ir.model.access.csv) gets it written
    conclusion = fields.Text(
        compute="_compute_conclusion",
        compute_sudo=True,
        store=True,
        readonly=False,
        help="Written from the figures when the period is set; edit it as "
        "you like. It goes into the PDF as it stands here.",
    )
    framework = fields.Html(
        string="Framework (§1)",
        default=lambda self: self._default_from_last_year("framework"),
        help="§1 of the report: the citizens' advisor's function and its "
        "framework. A new report starts from last year's.",
    )
    method = fields.Html(
        string="Method (§2)",
        default=lambda self: self._default_from_last_year("method"),
        help="§2 of the report: how the inquiries are registered and counted. "
        "A new report starts from last year's.",
    )
    supervision_text = fields.Html(
        string="Supervision and Teaching (§3.5)",
        default=lambda self: self._default_from_last_year("supervision_text"),
        help="§3.5 of the report: the narrative of the supervision and "
        "teaching beside its table. A new report starts from last year's.",
    )
    recommendations = fields.Html(
        default=lambda self: self._default_from_last_year("recommendations"),
        help="The recommendations of §4.2-4.3. A new report starts from last year's.",
    )
    may_write_text = fields.Boolean(
        compute="_compute_may_write_text",
        help="Whether the user writes the report's text: the advisor only.",
    )
    inquiry_count = fields.Integer(
        string="Inquiries",
        compute="_compute_figures",
        compute_sudo=False,
        help="Inquiries received in the period, cancelled ones not counted (§3.1).",
    )
    handled_count = fields.Integer(
        string="With Handling",
        compute="_compute_figures",
        compute_sudo=False,
        help="The inquiries handled by the advisor: all but the misdirected ones.",
    )
    complaint_count = fields.Integer(
        string="Complaints about Case Handling",
        compute="_compute_figures",
        compute_sudo=False,
        help="Handled inquiries of category 4 (§3.3).",
    )
    handling_time_count = fields.Integer(
        string="About Case-Handling Time",
        compute="_compute_figures",
        compute_sudo=False,
        help="Complaints about case handling about the case-handling time (4.1).",
    )

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------

    def _default_date_from(self):
        return municipal_today(self.env).replace(month=1, day=1)

    def _default_date_to(self):
        return municipal_today(self.env).replace(month=12, day=31)

    def _default_from_last_year(self, name):
        previous = self.search([], order="date_to desc, id desc", limit=1)
        return previous[name] or False

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_may_write_text(self):
        may = self._may_write_text()
        for report in self:
            report.may_write_text = may

    def _may_write_text(self):
        return self.env.su or self.env.user.has_group("borgerraadgiver.group_advisor")

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for report in self:
            if report.date_from and report.date_to:
                report.name = _(
                    "Annual report %(date_from)s – %(date_to)s",
                    date_from=report.date_from,
                    date_to=report.date_to,
                )
            else:
                report.name = _("New annual report")

    @api.depends("date_from", "date_to")
    def _compute_conclusion(self):
        for report in self:
            if report._period_is_valid():
                report.conclusion = report._written_conclusion()
            elif not report.conclusion:
                report.conclusion = False

    @api.depends("date_from", "date_to")
    def _compute_figures(self):
        for report in self:
            figures = {}
            if report._period_is_valid() and report._may_read_statistics():
                figures = report._get_statistics().figures
            report.inquiry_count = figures.get("inquiries", 0)
            report.handled_count = figures.get("with_handling", 0)
            report.complaint_count = figures.get("complaints", 0)
            report.handling_time_count = figures.get("handling_time", 0)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        first, last = self._period_bounds()
        for report in self:
            for name in ("date_from", "date_to"):
                if report[name] and not first <= report[name] <= last:
                    raise ValidationError(
                        _(
                            "The report's period: the date in “%(field)s” "
                            "(%(date)s) must lie between %(first)s and %(last)s.",
                            field=self._fields[name]._description_string(self.env),
                            first=format_date(self.env, first),
                            last=format_date(self.env, last),
                            date=format_date(self.env, report[name]),
                        )
                    )
            if not report._period_is_valid():
                raise ValidationError(
                    _(
                        "The report's period must start before it ends: "
                        "%(date_from)s is after %(date_to)s.",
                        date_from=report.date_from,
                        date_to=report.date_to,
                    )
                )

    def _period_bounds(self):
        """The first and the last day a report's period may cover: from
        FIRST_PERIOD_DAY to the end of next year."""
        today = municipal_today(self.env)
        return FIRST_PERIOD_DAY, date(today.year + 1, 12, 31)

    def _period_is_valid(self):
        self.ensure_one()
        if not (self.date_from and self.date_to):
            return False
        first, last = self._period_bounds()
        return first <= self.date_from <= self.date_to <= last

    # ------------------------------------------------------------------
    # CRUD: the text is the advisor's
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._may_write_text():
            for vals in vals_list:
                # what a new report would say without the values given
                new = self.new({k: v for k, v in vals.items() if k not in TEXT_FIELDS})
                self._check_text_unchanged(vals, {n: new[n] for n in TEXT_FIELDS})
        return super().create(vals_list)

    def write(self, vals):
        if not self._may_write_text():
            for report in self:
                report._check_text_unchanged(vals, {n: report[n] for n in TEXT_FIELDS})
        return super().write(vals)

    def _check_text_unchanged(self, vals, current):
        """Management creates reports and sets their period; the report's
        text (what it says around the tables) is the advisor's alone."""
        changed = [
            name
            for name in TEXT_FIELDS
            if name in vals
            and (self._fields[name].convert_to_cache(vals[name], self) or "")
            != (current[name] or "")
        ]
        if changed:
            raise AccessError(
                _(
                    "Only the citizens' advisor writes the report's text "
                    "(%(fields)s): she is independent (§1.1).",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in changed
                    ),
                )
            )

    # ------------------------------------------------------------------
    # Statistics
    # ------------------------------------------------------------------

    def _may_read_statistics(self):
        return self.env.su or any(
            self.env.user.has_group(group) for group in REPORT_GROUPS
        )

    def _check_report_access(self):
        """Only the advisor and the statistics group run the reports."""
        if not self._may_read_statistics():
            raise AccessError(
                _(
                    "Only the citizens' advisor and the statistics group may run "
                    "the yearly report."
                )
            )
        self.check_access("read")

    def _report_env(self):
        """The environment the report's contents are written in: Danish,
        whatever the user's language (when Danish is installed)."""
        if self.env["res.lang"]._get_data(code=REPORT_LANG):
            return self.with_context(lang=REPORT_LANG).env
        return self.env

    def _get_statistics(self, env=None):
        """The counted tables and figures of the report's period."""
        self.ensure_one()
        self._check_period()
        Statistics = (env or self.env)["borgerraadgiver.statistics"]
        return Statistics._for_period(self.date_from, self.date_to)

    def _get_report_statistics(self):
        """The statistics in the report's language, for the workbook and the
        PDF, after checking the user may run the report."""
        self._check_report_access()
        return self._get_statistics(self._report_env())

    # ------------------------------------------------------------------
    # Texts
    # ------------------------------------------------------------------

    def _written_conclusion(self):
        """The conclusion of §4.1 written from the figures, in the report's
        language."""
        statistics = self._get_statistics(self._report_env())
        return "\n\n".join(statistics.conclusion)

    def _pdf_footer_texts(self):
        """The footer stamped on every page of the PDF, in the report's
        language: the municipality (the company), the report's date (the day
        it is printed) and the page label, with %(page)s and %(pages)s."""
        env = self._report_env()
        return {
            "left": env.company.name or "",
            "centre": format_date(env, municipal_today(env), date_format="d. MMMM y"),
            "right": env._("Page %(page)s of %(pages)s"),
        }

    def _conclusion_paragraphs(self):
        return [
            p.strip() for p in re.split(r"\n\s*\n", self.conclusion or "") if p.strip()
        ]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_refresh_conclusion(self):
        """Write the conclusion from the figures again (the advisor)."""
        for report in self:
            report._check_report_access()
            written = report._written_conclusion()
            if not self._may_write_text():
                report._check_text_unchanged(
                    {"conclusion": written}, {"conclusion": ""}
                )
            report.conclusion = written
        return True

    def action_export_document(self):
        """The whole report as an editable Word document (.docx), downloaded
        with the user's session."""
        self.ensure_one()
        self._check_report_access()
        return {
            "type": "ir.actions.act_url",
            "url": f"/borgerraadgiver/annual_report/{self.id}/document.docx",
            "target": "download",
        }

    def action_print_workbook(self):
        self.ensure_one()
        self._check_report_access()
        return self.env.ref("borgerraadgiver.statistics_xlsx_action").report_action(
            self
        )

    def action_print_pdf(self):
        self.ensure_one()
        self._check_report_access()
        return self.env.ref("borgerraadgiver.annual_report_pdf_action").report_action(
            self
        )

    def action_open_analysis(self):
        """Table 3.1 in the pivot: the inquiries the report counts, by
        quarter, with and without handling."""
        return self._analysis_action(
            _("Inquiries"),
            rows=["received_date:quarter"],
            columns=["handling"],
        )

    def action_open_handled(self):
        """Table 3.3: the inquiries handled by the advisor, by category and
        centre (the filter "With Handling" shown, as the report counts)."""
        return self._analysis_action(
            _("Handled Inquiries"),
            rows=["category_id"],
            columns=["centre_id"],
            filters=["with_handling"],
        )

    def action_open_complaints(self):
        """Table 3.4: the complaints about case handling by subcategory and
        centre."""
        return self._analysis_action(
            _("Complaints about Case Handling"),
            rows=["subcategory_id"],
            columns=["centre_id"],
            filters=["with_handling", "complaints"],
        )

    def action_open_answer_times(self):
        """The centres' answer times of the inquiries forwarded in the
        period (the report's sheet "Svartider" counts them so)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_answer_time_action"
        )
        context = dict(
            safe_eval(action["context"]),
            search_default_forwarded=0,
            search_default_answered=1,
        )
        action.update(
            name=_("Answer Times %(period)s", period=self._period_label()),
            domain=[
                ("forwarded_date", ">=", self.date_from),
                ("forwarded_date", "<=", self.date_to),
            ],
            context=context,
        )
        return action

    def action_open_points(self):
        """§3.6: the complaint points of the period as the report counts
        them, by centre and outcome, with the share of justified
        complaints (issue 18)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_inquiry_point_analysis_action"
        )
        action.update(
            name=_("Complaint Points %(period)s", period=self._period_label()),
            domain=[
                ("received_date", ">=", self.date_from),
                ("received_date", "<=", self.date_to),
            ],
            context={
                "pivot_row_groupby": ["centre_id"],
                "pivot_column_groupby": ["outcome"],
                "pivot_measures": ["__count", "justified"],
                "graph_groupbys": ["centre_id", "outcome"],
            },
        )
        return action

    def _analysis_action(self, name, rows, columns, filters=()):
        """The analysis of the report's period as the report counts it: the
        period in the title (and the domain), the report's filters shown in
        the search bar, the table's rows and columns in the pivot."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_inquiry_analysis_action"
        )
        context = {f"search_default_{flt}": 1 for flt in filters}
        context.update(
            pivot_row_groupby=rows,
            pivot_column_groupby=columns,
            pivot_measures=["__count"],
            graph_groupbys=rows + columns,
        )
        action.update(
            name=f"{name} {self._period_label()}",
            domain=[
                ("received_date", ">=", self.date_from),
                ("received_date", "<=", self.date_to),
            ],
            context=context,
        )
        return action

    def _period_label(self):
        return (
            self.env["borgerraadgiver.statistics"]
            ._for_period(self.date_from, self.date_to)
            .period
        )

    # ------------------------------------------------------------------
    # Investigations and recommendations (issue 18)
    # ------------------------------------------------------------------

    def _findings_sections(self, statistics):
        """The sections after the tables of §3 (findings_report.py): the
        investigations and the recommendations of the period of
        `statistics`, in its language, after the report's access check."""
        self.ensure_one()
        self._check_report_access()
        return findings_sections(self.with_env(statistics.env), statistics)

    def _recommendation_counts(self):
        """The recommendations sent in the report's period and in the same
        period a year before, by their status today, for a year-over-year
        comparison ("Anbefalinger fulgt"): {"current": {state: count, …,
        "total": count}, "previous": {…}}."""
        self.ensure_one()
        self._check_report_access()
        Recommendation = self.env["borgerraadgiver.recommendation"]
        return {
            "current": Recommendation._counts_by_state(self.date_from, self.date_to),
            "previous": Recommendation._counts_by_state(
                self.date_from - relativedelta(years=1),
                self.date_to - relativedelta(years=1),
            ),
        }
