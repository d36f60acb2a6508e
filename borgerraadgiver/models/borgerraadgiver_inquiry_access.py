"""The inquiry's side of the access control (issue 8): what centre staff may
write, the message that forwards the inquiry to the centre and the advisor's
notice of the centre's answer. The record rules are in
security/borgerraadgiver_security.xml; write() and the actions of
borgerraadgiver_inquiry.py call these checks."""

from odoo import _, models
from odoo.exceptions import AccessError

# What centre staff may write on an inquiry forwarded to their centre (the
# record rule borgerraadgiver_inquiry_rule_centre_staff_write limits it to
# forwarded ones)
CENTRE_WRITABLE_FIELDS = {"centre_answer", "centre_answer_date"}


class BorgerraadgiverInquiry(models.Model):
    _inherit = "borgerraadgiver.inquiry"

    def _is_advisor(self):
        return self.env.su or self.env.user.has_group("borgerraadgiver.group_advisor")

    def _check_advisor_action(self, action):
        """Only the advisor moves inquiries along: centre staff, who can read
        and write some inquiries, get an access error, not a business one."""
        if not self._is_advisor():
            raise AccessError(
                _(
                    "Only the advisor can move an inquiry on; it cannot be "
                    "%(action)s by you.",
                    action=self._action_label(action),
                )
            )

    def _check_centre_staff_write(self, vals):
        """Centre staff write the centre's answer and nothing else (the
        record rules limit them to the forwarded inquiries of their centre)."""
        if self._is_advisor():
            return
        forbidden = sorted(set(vals) - CENTRE_WRITABLE_FIELDS)
        if forbidden:
            raise AccessError(
                _(
                    "Centre staff may only register the centre's answer on an "
                    "inquiry (%(allowed)s), not change %(fields)s.",
                    allowed=", ".join(
                        self._field_label(name)
                        for name in sorted(CENTRE_WRITABLE_FIELDS)
                    ),
                    fields=", ".join(
                        self._field_label(name) if name in self._fields else name
                        for name in forbidden
                    ),
                )
            )

    def _answered_by_centre(self, vals):
        """The inquiries on which centre staff register the answer now."""
        if self._is_advisor() or not vals.get("centre_answer_date"):
            return self.browse()
        return self.filtered(lambda inquiry: not inquiry.centre_answer_date)

    def _notify_advisor_of_answer(self):
        """Tell the advisor that the centre has answered: an activity for her
        to close the inquiry."""
        for inquiry in self.filtered("user_id"):
            inquiry.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=inquiry.user_id.id,
                summary=_("The centre has answered: close the inquiry"),
                note=_(
                    "%(centre)s registered its answer to the citizen on %(date)s.",
                    centre=inquiry.centre_id.display_name,
                    date=inquiry._date_label(inquiry.centre_answer_date),
                ),
            )

    def _post_forwarded(self):
        """The message the centre sees: its subtype is the one the record
        rules on mail.message show to the centre's staff."""
        self.message_post(
            body=_(
                "Forwarded to %(centre)s; the centre's deadline is %(deadline)s.",
                centre=self.centre_id.display_name,
                deadline=self._date_label(self.centre_deadline),
            ),
            message_type="comment",
            subtype_xmlid="borgerraadgiver.mt_inquiry_forwarded",
        )
