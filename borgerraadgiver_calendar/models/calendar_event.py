"""Meetings planned from an inquiry or a referral (an activity's *Schedule
meeting*, or res_model/res_id given), and meetings with a citizen's mail
contact among the attendees, are private: Odoo's calendar shows others only
the time slot, and the record rules of
security/borgerraadgiver_calendar_security.xml hide them and their attendees
(a citizen's attendee line wherever it is) from everyone but the organizer
and the attendees. Other meetings stay as the calendar has them."""

from odoo import api, models

from odoo.addons.borgerraadgiver.models.borgerraadgiver_confidential_thread import (
    CONFIDENTIAL_THREADS,
)


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._borgerraadgiver_make_private()
        return events

    def write(self, vals):
        result = super().write(vals)
        if {"privacy", "res_model_id", "res_model", "partner_ids"}.intersection(vals):
            self._borgerraadgiver_make_private()
        return result

    def _borgerraadgiver_make_private(self):
        public = self.sudo().filtered(
            lambda event: (
                event.privacy != "private"
                and (
                    event.res_model in CONFIDENTIAL_THREADS
                    or event.partner_ids._borgerraadgiver_mail_partners()
                )
            )
        )
        if public:
            # sudo: the organizer's own meeting; the privacy is the addon's
            # rule, not the user's choice
            public.write({"privacy": "private"})


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model_create_multi
    def create(self, vals_list):
        """An attendee is invited, and its name, e-mail and phone are copied
        as superuser: a citizen's mail contact attends only by the advisor's
        doing (the meeting's partner_ids are checked by mail.thread)."""
        self.env["mail.thread"]._borgerraadgiver_check_recipients(
            [vals.get("partner_id") for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        self.env["mail.thread"]._borgerraadgiver_check_recipients(
            [vals.get("partner_id")]
        )
        return super().write(vals)
