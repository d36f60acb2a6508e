"""Mail in (issue 10): a citizen's mail to the advisor's alias creates an
inquiry (a centre's reply lands on its referral: borgerraadgiver_referral.py).
The routing of replies is in mail_thread.py. Mail out to the citizen: the
chatter suggests the citizen as a recipient; the citizen's own partner is
made when the advisor sends (controllers/thread.py)."""

from odoo import _, api, models, tools

from .borgerraadgiver_citizen import CITIZEN_KEY
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
        """The advisor's citizen who sent the mail, found by the normalized
        address or registered; nobody if the sender is a user (the advisor or
        a centre forwarding a mail). The partner Odoo's gateway found for the
        address (a supplier's contact, say) is never used or changed."""
        Citizen = self.env["borgerraadgiver.citizen"].sudo()
        name, email = tools.parse_contact_from_email(msg_dict.get("email_from") or "")
        if not email or self._is_user_sender(msg_dict, email):
            return Citizen
        citizen = Citizen.with_context(active_test=False).search(
            [("email_normalized", "=", email)], order="active desc, id", limit=1
        )
        return citizen or Citizen.create({"name": name or email, "email": email})

    @api.model
    def _is_user_sender(self, msg_dict, email):
        author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
        return bool(
            author.with_context(active_test=False).user_ids
            or self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("email_normalized", "=", email)], limit=1)
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A citizen's mail to the advisor's alias: a new inquiry, its sender
        as the citizen; the gateway then posts the mail and its attachments in
        the chatter, authored by the citizen's own partner if the advisor has
        mailed the citizen before, otherwise by the address alone."""
        citizen = self._citizen_from_mail(msg_dict)
        if citizen:
            msg_dict["author_id"] = citizen.partner_id.id or False
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
        """A reply on the inquiry's mail (the citizen's, or a user's)."""
        self._citizen_author(msg_dict)
        return super().message_update(msg_dict, update_vals=update_vals)

    def _citizen_author(self, msg_dict):
        """A reply from the citizen's address is the citizen's: authored by
        the citizen's own partner or by the address alone, never by an ERP
        contact that has the same address (who would also become a follower
        of the inquiry)."""
        email = self._sender_email(msg_dict)
        for inquiry in self.sudo().filtered("citizen_id"):
            citizen = inquiry.citizen_id
            if citizen._is_address_of(email) and not self._is_user_sender(
                msg_dict, email
            ):
                msg_dict["author_id"] = citizen.partner_id.id or False

    def _sender_email(self, msg_dict):
        return tools.email_normalize(msg_dict.get("email_from") or "")

    def _mail_known_senders(self):
        """Besides followers and users, a reply may come from the citizen."""
        return {self.sudo().citizen_id.email_normalized} - {False}

    def _message_get_suggested_recipients(self):
        """The advisor's chatter suggests the citizen (when the register has
        an address). Until the advisor first mails the citizen the suggestion
        holds the address only, with the citizen's id in its create values:
        the client sends both back when she sends, and the citizen's own
        partner is created then, never when the chatter is merely opened (a
        read-only request) and never by reusing an ERP contact that has the
        same address, as Odoo's search by address would."""
        recipients = super()._message_get_suggested_recipients()
        if not self.env.user.has_group("borgerraadgiver.group_advisor"):
            return recipients
        citizen = self.citizen_id.sudo()
        if not citizen.email_normalized:
            return recipients
        reason = self._fields["citizen_id"]._description_string(self.env)
        if citizen.partner_id.borgerraadgiver_mail_partner:
            return self._message_add_suggested_recipient(
                recipients, partner=citizen.partner_id, reason=reason
            )
        if all(
            recipient.get("email") != citizen.email_normalized
            for recipient in recipients
        ):
            recipients.append(
                {
                    "name": citizen.name,
                    "email": citizen.email_normalized,
                    "lang": None,
                    "reason": reason,
                    "create_values": {CITIZEN_KEY: citizen.id},
                }
            )
        return recipients
