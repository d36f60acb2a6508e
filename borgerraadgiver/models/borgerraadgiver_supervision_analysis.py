from odoo import fields, models, tools
from odoo.tools import SQL

from .borgerraadgiver_supervision import KINDS


class BorgerraadgiverSupervisionAnalysis(models.Model):
    """Supervision and teaching by kind and centre (§3.5): no topic, no
    description."""

    _name = "borgerraadgiver.supervision.analysis"
    _description = "Supervision and Teaching Analysis"
    _auto = False
    _rec_name = "date"
    _order = "date desc, id desc"
    # flush these before the view is read
    _depends = {
        "borgerraadgiver.supervision": [
            "date",
            "kind",
            "centre_id",
            "hours",
            "participants",
        ],
    }

    date = fields.Date(readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        readonly=True,
        help="Empty for an activity for all centres.",
    )
    hours = fields.Float(digits=(6, 1), readonly=True, aggregator="sum")
    participants = fields.Integer(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT supervision.id AS id,
                           supervision.date AS date,
                           supervision.kind AS kind,
                           supervision.centre_id AS centre_id,
                           supervision.hours AS hours,
                           supervision.participants AS participants
                      FROM borgerraadgiver_supervision supervision
                )
                """,
                SQL.identifier(self._table),
            )
        )
