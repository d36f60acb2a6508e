from odoo import fields, models, tools
from odoo.tools import SQL

from .borgerraadgiver_inquiry import CHANNELS, RESOLUTIONS, STATES

HANDLING = [
    ("with", "With Handling"),
    ("without", "Without Handling"),
]


class BorgerraadgiverInquiryAnalysis(models.Model):
    """The inquiries the yearly report counts (§3), one row each, with only
    the dimensions it counts by: no citizen, subject, description or notes.

    Cancelled inquiries are left out. The statistics, the pivot, the graph,
    the dashboard and the workbook all count from this view, by PostgreSQL.

    The answer times (issue 10) are set on the inquiries forwarded to a
    centre and answered by it, empty on the others, so that the pivot's
    averages count the answered inquiries only: the average answer time in
    calendar and in working days, and the share answered within the
    deadline (the average of 1 for on time and 0 for late). The pivot cannot
    show a median or a percentile: those are in the sheet "Svartider" of
    the yearly workbook (borgerraadgiver.statistics._answer_times).
    """

    _name = "borgerraadgiver.inquiry.analysis"
    _description = "Inquiry Analysis"
    _auto = False
    _rec_name = "received_date"
    _order = "received_date desc, id desc"
    # flush these before the view is read
    _depends = {
        "borgerraadgiver.inquiry": [
            "received_date",
            "channel",
            "centre_id",
            "category_id",
            "subcategory_id",
            "resolution",
            "state",
            "forwarded_date",
            "centre_answer_date",
            "centre_deadline",
            "answer_days",
            "answer_working_days",
        ],
        "borgerraadgiver.category": ["is_handling_time"],
    }

    received_date = fields.Date(string="Received", readonly=True)
    received_year = fields.Integer(
        string="Year Received",
        readonly=True,
        aggregator=None,
        help="The year the inquiry was received: search any year by typing it.",
    )
    channel = fields.Selection(CHANNELS, readonly=True)
    centre_id = fields.Many2one("borgerraadgiver.centre", readonly=True)
    category_id = fields.Many2one("borgerraadgiver.category", readonly=True)
    subcategory_id = fields.Many2one("borgerraadgiver.category", readonly=True)
    resolution = fields.Selection(RESOLUTIONS, readonly=True)
    state = fields.Selection(STATES, string="Stage", readonly=True)
    handling = fields.Selection(
        HANDLING,
        readonly=True,
        help="Without handling: misdirected inquiries sent on to the right "
        "centre with no handling by the advisor (§3.1).",
    )
    with_handling = fields.Boolean(readonly=True)
    complaint_handling_time = fields.Boolean(
        string="About Case-Handling Time",
        readonly=True,
        help="A complaint about case handling about the case-handling time.",
    )
    # not a column of the view: the day it compares with is the
    # municipality's (municipal_day.py), not the database server's CURRENT_DATE
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Forwarded, not answered, and the centre's deadline has passed.",
    )

    forwarded_date = fields.Date(string="Forwarded", readonly=True)
    centre_answer_date = fields.Date(readonly=True)
    centre_deadline = fields.Date(readonly=True)
    answered = fields.Boolean(
        string="Answered by Centre",
        readonly=True,
        help="Forwarded to the centre and the centre's answer registered.",
    )
    answer_days = fields.Float(
        string="Answer Time (Calendar Days)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Calendar days from the forwarding to the centre's answer; the "
        "average of the answered inquiries.",
    )
    answer_working_days = fields.Float(
        string="Answer Time (Working Days)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Working days of the municipality's calendar from the forwarding "
        "to the centre's answer; the average of the answered inquiries.",
    )
    within_deadline = fields.Float(
        string="Answered within Deadline",
        aggregator="avg",
        readonly=True,
        help="1 when the centre answered by its deadline, 0 when later: its "
        "average is the share of the answered inquiries answered in time.",
    )

    def _compute_overdue(self):
        # the same columns as the inquiry's: the same definition
        overdue = self.filtered_domain(
            self.env["borgerraadgiver.inquiry"]._overdue_domain()
        )
        for row in self:
            row.overdue = row in overdue

    def _search_overdue(self, operator, value):
        return self.env["borgerraadgiver.inquiry"]._search_overdue(operator, value)

    def _query(self):
        return SQL(
            """
            SELECT inquiry.id AS id,
                   inquiry.received_date AS received_date,
                   EXTRACT(YEAR FROM inquiry.received_date)::int AS received_year,
                   inquiry.channel AS channel,
                   inquiry.centre_id AS centre_id,
                   inquiry.category_id AS category_id,
                   inquiry.subcategory_id AS subcategory_id,
                   inquiry.resolution AS resolution,
                   inquiry.state AS state,
                   CASE WHEN inquiry.resolution = 'misdirected'
                        THEN 'without' ELSE 'with' END AS handling,
                   inquiry.resolution IS DISTINCT FROM 'misdirected'
                       AS with_handling,
                   COALESCE(subcategory.is_handling_time, FALSE)
                       AS complaint_handling_time,
                   inquiry.forwarded_date AS forwarded_date,
                   inquiry.centre_answer_date AS centre_answer_date,
                   inquiry.centre_deadline AS centre_deadline,
                   answer.answered AS answered,
                   CASE WHEN answer.answered
                        THEN inquiry.answer_days END::float AS answer_days,
                   CASE WHEN answer.answered
                        THEN inquiry.answer_working_days END::float
                       AS answer_working_days,
                   CASE WHEN answer.answered
                        THEN (inquiry.centre_answer_date
                              <= inquiry.centre_deadline)::int END::float
                       AS within_deadline
              FROM borgerraadgiver_inquiry inquiry
         LEFT JOIN borgerraadgiver_category subcategory
                ON subcategory.id = inquiry.subcategory_id
        CROSS JOIN LATERAL (
                   SELECT inquiry.forwarded_date IS NOT NULL
                          AND inquiry.centre_answer_date IS NOT NULL AS answered
                   ) answer
             WHERE inquiry.state != 'cancelled'
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
