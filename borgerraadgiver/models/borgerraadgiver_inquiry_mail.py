"""Mail in (issue 10): a citizen's mail to the advisor's alias creates an
inquiry, a centre's reply registers its answer. The routing of replies to
inquiries is in mail_thread.py."""

from odoo import _, api, models, tools

from .municipal_day import municipal_date, municipal_today


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
        today = municipal_today(self.env)
        if not msg_dict.get("date"):
            return today
        return min(municipal_date(self.env, msg_dict["date"]), today)

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

    def message_update(self, msg_dict, update_vals=None):
        """A reply on the inquiry's mail: from the centre (its answer to the
        citizen with the advisor in copy) it registers the answer."""
        answered = self.filtered(
            lambda inquiry: (
                inquiry.state == "forwarded"
                and not inquiry.centre_answer_date
                and inquiry._is_centre_sender(msg_dict)
            )
        )
        for inquiry in answered:
            inquiry.write(
                {
                    "centre_answer_date": max(
                        self._mail_date(msg_dict), inquiry.forwarded_date
                    ),
                    "centre_answer": inquiry.centre_answer
                    or tools.html2plaintext(msg_dict.get("body") or ""),
                }
            )
        result = super().message_update(msg_dict, update_vals=update_vals)
        answered._notify_advisor_of_answer()
        return result

    def _sender_email(self, msg_dict):
        return tools.email_normalize(msg_dict.get("email_from") or "")

    def _is_centre_sender(self, msg_dict):
        """Whether the mail comes from the inquiry's centre: its address or
        one of its staff."""
        self.ensure_one()
        centre = self.sudo().centre_id
        emails = {tools.email_normalize(centre.email or "")}
        emails |= {tools.email_normalize(user.email or "") for user in centre.user_ids}
        emails.discard(False)
        return self._sender_email(msg_dict) in emails

    def _accepts_mail_from(self, msg_dict):
        """Whether a reply may land on this inquiry: from its citizen, its
        centre, a follower or a user; anyone else starts a new inquiry."""
        self.ensure_one()
        inquiry = self.sudo()
        email = self._sender_email(msg_dict)
        if not email:
            return False
        author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
        if author.user_ids.filtered(lambda user: not user.share):
            return True
        partners = inquiry.citizen_id | inquiry.message_partner_ids
        known = {tools.email_normalize(partner.email or "") for partner in partners}
        return email in known or inquiry._is_centre_sender(msg_dict)
