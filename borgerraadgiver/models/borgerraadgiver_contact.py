"""Counted-only contacts (issue 18, item 5): the calls and other contacts
that never become an inquiry — a citizen who only asks which centre to
call — counted apart from the inquiries, as Copenhagen counts its calls
apart from its cases. A contact holds no personal data: its day, channel,
centre and category, nothing else (no name, no free text). The advisor
registers them in an editable list; management reads them (counts, pivot
and graph), centre staff and the rest of the ERP do not."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .borgerraadgiver_inquiry import CHANNELS
from .municipal_day import municipal_today


class BorgerraadgiverContact(models.Model):
    _name = "borgerraadgiver.contact"
    _description = "Counted-Only Contact"
    _order = "date desc, id desc"

    date = fields.Date(
        required=True,
        default=lambda self: municipal_today(self.env),
        index=True,
        help="The day the citizen contacted the advisor.",
    )
    channel = fields.Selection(
        CHANNELS,
        required=True,
        default="phone",
        help="How the citizen contacted the advisor.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        required=True,
        ondelete="restrict",
        index=True,
        help="The centre the contact concerned.",
    )
    category_id = fields.Many2one(
        "borgerraadgiver.category",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('parent_id', '=', False)]",
        help="The category of §2.3 the contact is counted under.",
    )

    @api.depends("date", "channel")
    def _compute_display_name(self):
        channels = dict(self._fields["channel"]._description_selection(self.env))
        for contact in self:
            contact.display_name = " ".join(
                filter(
                    None,
                    (
                        channels.get(contact.channel),
                        contact.date and format_date(self.env, contact.date),
                    ),
                )
            )

    @api.constrains("date")
    def _check_date(self):
        today = municipal_today(self.env)
        for contact in self:
            if contact.date > today:
                raise ValidationError(
                    _(
                        "Contact: %(field)s %(date)s is in the future.",
                        field=self._field_label("date"),
                        date=format_date(self.env, contact.date),
                    )
                )

    @api.constrains("category_id")
    def _check_category(self):
        for contact in self:
            if contact.category_id.parent_id:
                raise ValidationError(
                    _(
                        "Contact: %(field)s %(category)s is a subcategory; a "
                        "contact is counted under one of the categories of §2.3.",
                        field=self._field_label("category_id"),
                        category=contact.category_id.display_name,
                    )
                )

    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)
