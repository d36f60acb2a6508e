from odoo import fields, models


class BorgerraadgiverCriticism(models.Model):
    """A grade of the advisor's fixed scale of criticism (issue 18, item 2):
    what she says of a complaint point she has looked into, e.g. "Ingen
    kritik", "Kritik", "Skarp kritik". The administrator configures the
    scale (data/borgerraadgiver_criticism_data.xml ships a default one); the
    yearly report counts the complaint points by grade in the scale's order.
    Archive a grade no longer used: the points graded with it keep it."""

    _name = "borgerraadgiver.criticism"
    _description = "Criticism Grade"
    _order = "sequence, id"

    name = fields.Char(
        required=True,
        translate=True,
        help="The grade as the report writes it, e.g. Skarp kritik.",
    )
    sequence = fields.Integer(
        default=10,
        help="The grade's place on the scale, mildest first: the report's row order.",
    )
    active = fields.Boolean(
        default=True,
        help="Archive a grade no longer used: the points graded with it keep it.",
    )
    description = fields.Text(translate=True, help="When the advisor gives this grade.")
