"""Deadlines in working days and the advisor's follow-up activity (issue 10).
The working-time calendar is in resource_calendar.py, the daily reminders of
the referrals in borgerraadgiver_centre.py; write() of borgerraadgiver_inquiry.py calls
_follow_up_before_write and _sync_centre_answer_activity."""

from odoo import _, models

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
