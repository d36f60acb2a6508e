"""Deadlines in working days and the advisor's follow-up activity (issue 10).
The working-time calendar is in resource_calendar.py, the daily reminders in
borgerraadgiver_centre.py; write() of borgerraadgiver_inquiry.py calls
_follow_up_before_write and _sync_centre_answer_activity."""

import re

from odoo import _, models

from .borgerraadgiver_inquiry import CPR_NUMBER
from .municipal_day import municipal_today

# The writes that move the "Answer from the Centre" activity of the advisor
FOLLOW_UP_FIELDS = {"state", "centre_deadline", "centre_answer_date", "user_id"}


class BorgerraadgiverInquiry(models.Model):
    _inherit = "borgerraadgiver.inquiry"

    def _centre_deadline_from(self, day):
        """`day` plus the centre's deadline in working days of the
        municipality's calendar."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        days = self.sudo().centre_id._deadline_working_days()
        return calendar._borgerraadgiver_add_working_days(day, days)

    def _working_days_left(self, today):
        """Working days from `today` to the centre's deadline."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        return calendar._borgerraadgiver_count_working_days(today, self.centre_deadline)

    def _days_overdue(self, today=None):
        """Calendar days since the centre's deadline passed."""
        today = today or municipal_today(self.env)
        return max((today - self.centre_deadline).days, 0)

    def _reminder_subject(self):
        """The subject as a reminder may show it: no CPR number, and not the
        citizen's name should the subject hold it."""
        subject = CPR_NUMBER.sub("[CPR]", self.subject or "")
        name = self.sudo().citizen_id.name or ""
        for part in sorted({name, *name.split()}, key=len, reverse=True):
            if len(part) > 2:
                subject = re.sub(re.escape(part), "...", subject, flags=re.IGNORECASE)
        return subject

    def _follow_up_before_write(self, vals):
        """The inquiries a write forwards, and whether it touches the advisor's
        "Answer from the Centre" activity at all."""
        forwarding = self.browse()
        if vals.get("state") == "forwarded":
            forwarding = self.filtered(lambda inquiry: inquiry.state != "forwarded")
        return forwarding, bool(FOLLOW_UP_FIELDS.intersection(vals))

    def _sync_centre_answer_activity(self, forwarding):
        """Forwarding schedules the advisor's activity on the deadline; moving
        the deadline or the advisor moves it; the centre's answer marks it
        done; cancelling the inquiry removes it."""
        activity_type = self.env.ref("borgerraadgiver.mail_activity_type_centre_answer")
        for inquiry in self.sudo():
            activities = inquiry.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            if inquiry.centre_answer_date:
                if activities:
                    activities.action_feedback(
                        feedback=_(
                            "The centre answered on %(date)s.",
                            date=inquiry._date_label(inquiry.centre_answer_date),
                        )
                    )
            elif inquiry.state != "forwarded":
                activities.unlink()
            elif activities:
                user = inquiry.user_id or activities.user_id[:1]
                activities.filtered(
                    lambda activity, i=inquiry, u=user: (
                        activity.date_deadline != i.centre_deadline
                        or activity.user_id != u
                    )
                ).write(
                    {
                        "date_deadline": inquiry.centre_deadline,
                        "user_id": user.id,
                    }
                )
            elif inquiry.id in forwarding.ids:
                user = inquiry.user_id or self._default_mail_advisor()
                inquiry.activity_schedule(
                    "borgerraadgiver.mail_activity_type_centre_answer",
                    date_deadline=inquiry.centre_deadline,
                    user_id=user.id,
                    note=_(
                        "%(centre)s should answer the citizen by %(date)s.",
                        centre=inquiry.centre_id.display_name,
                        date=inquiry._date_label(inquiry.centre_deadline),
                    ),
                )
