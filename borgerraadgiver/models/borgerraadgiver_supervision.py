from odoo import fields, models


class BorgerraadgiverSupervision(models.Model):
    _name = "borgerraadgiver.supervision"
    _description = "Supervision and Teaching"
    _order = "date desc, id desc"
    _rec_name = "topic"

    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [
            ("supervision", "Supervision"),
            ("teaching", "Teaching"),
            ("course", "Course"),
        ],
        required=True,
        default="supervision",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        ondelete="restrict",
        help="Leave empty for an activity for all centres.",
    )
    topic = fields.Char(required=True)
    hours = fields.Float(digits=(6, 1))
    participants = fields.Integer(default=1)
    description = fields.Text()
