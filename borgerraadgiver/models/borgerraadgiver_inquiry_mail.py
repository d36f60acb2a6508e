"""Mail in (issue 10): a citizen's mail to the advisor's alias creates an
inquiry (a centre's reply lands on its referral: borgerraadgiver_referral.py).
The routing of replies is in mail_thread.py."""

from odoo import _, api, fields, models, tools


class BorgerraadgiverInquiry(models.Model):
    _inherit = "borgerraadgiver.inquiry"

    @api.model
    def _default_mail_advisor(self):
        """Who handles the inquiries the mail brings: the first advisor, not
        the administrator if there is another."""
        group = self.env.ref("borgerraadgiver.group_advisor")
        advisors = (
            self.env["res.users"]
            .sudo()
            .search([("groups_id", "in", group.ids), ("share", "=", False)], order="id")
        )
        return advisors.sorted(lambda user: user.has_group("base.group_system"))[:1]

    @api.model
    def _mail_date(self, msg_dict):
        """The day the mail arrived in the municipality's time zone, never in
        the future."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        local = self.with_context(tz=calendar.tz or "Europe/Copenhagen")
        today = fields.Date.context_today(local)
        if not msg_dict.get("date"):
            return today
        sent = fields.Datetime.to_datetime(msg_dict["date"])
        return min(fields.Date.context_today(local, timestamp=sent), today)

    @api.model
    def _citizen_from_mail(self, msg_dict):
        """The partner of the mail's sender, registered if unknown; nobody if
        the sender is a user (the advisor or a centre forwarding a mail)."""
        if not tools.email_normalize(msg_dict.get("email_from") or ""):
            return self.env["res.partner"]
        partner = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
        if not partner:
            partner = self._mail_find_partner_from_emails(
                [msg_dict["email_from"]], force_create=True
            )[0]
        if partner.with_context(active_test=False).user_ids or partner.is_company:
            return self.env["res.partner"]
        return partner

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A citizen's mail to the advisor's alias: a new inquiry, its sender
        as the citizen; the gateway then posts the mail and its attachments in
        the chatter."""
        citizen = self._citizen_from_mail(msg_dict)
        if citizen:
            msg_dict["author_id"] = citizen.id
        subject = (msg_dict.get("subject") or "").strip()
        values = {
            "subject": subject or _("Mail without subject"),
            "channel": "email",
            "citizen_id": citizen.id,
            "received_date": self._mail_date(msg_dict),
            "description": tools.html2plaintext(msg_dict.get("body") or ""),
            "user_id": self._default_mail_advisor().id,
        }
        values.update(custom_values or {})
        return self.create(values)

    def _accepts_mail_from(self, msg_dict):
        """Whether a reply may land on this inquiry: from its citizen, a
        follower or a user; anyone else starts a new inquiry."""
        self.ensure_one()
        inquiry = self.sudo()
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        if not email:
            return False
        author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
        if author.user_ids.filtered(lambda user: not user.share):
            return True
        partners = inquiry.citizen_id | inquiry.message_partner_ids
        known = {tools.email_normalize(partner.email or "") for partner in partners}
        return email in known
