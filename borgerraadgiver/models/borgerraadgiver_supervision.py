from odoo import fields, models

from .municipal_day import municipal_today

# Also the selection of borgerraadgiver.supervision.analysis: a list (not a
# callable) gives each model its ir.model.fields.selection rows, which carry
# the labels' translations (a callable selection is shown untranslated).
KINDS = [
    ("supervision", "Supervision"),
    ("teaching", "Teaching"),
    ("course", "Course"),
]


class BorgerraadgiverSupervision(models.Model):
    _name = "borgerraadgiver.supervision"
    _description = "Supervision and Teaching"
    _order = "date desc, id desc"
    _rec_name = "topic"

    date = fields.Date(
        required=True,
        default=lambda self: municipal_today(self.env),
        help="The day of the supervision or the first day of the course.",
    )
    kind = fields.Selection(
        KINDS,
        required=True,
        default="supervision",
        help="Supervision: one case worker or a small group with the advisor; "
        "teaching: a session for a centre's staff; course: a longer programme.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        ondelete="restrict",
        help="Leave empty for an activity for all centres.",
    )
    topic = fields.Char(required=True, help="What the activity was about.")
    hours = fields.Float(digits=(6, 1), help="How long it lasted, in hours.")
    participants = fields.Integer(
        default=1, help="How many of the municipality's staff took part."
    )
    description = fields.Text(help="What was covered, for the yearly report.")
