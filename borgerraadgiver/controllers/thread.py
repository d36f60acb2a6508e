"""The advisor mails a citizen from the inquiry's chatter (issue 14).

The chatter suggests the citizen by address, with the citizen's id in the
suggestion's create values (BorgerraadgiverInquiry._message_get_suggested_recipients).
Odoo's client sends such addresses back when the message is sent (or the full
composer is opened), and Odoo would then search the contact book for the
address, reuse an ERP contact that has it, or create a visible contact, and
drop the address altogether for a user without the right to create contacts.
Here the citizen's addresses become the citizen's own partner instead
(borgerraadgiver.citizen._get_mail_partner), created at that moment; every
other address goes to Odoo as before."""

from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers import thread


class ThreadController(thread.ThreadController):
    def _prepare_post_data(self, post_data, thread, **kwargs):
        citizens = {}
        if kwargs.get("partner_emails"):
            citizens, emails, values = request.env[
                "borgerraadgiver.citizen"
            ]._mail_partners_from_emails(
                kwargs["partner_emails"], kwargs.get("partner_additional_values")
            )
            kwargs = dict(
                kwargs, partner_emails=emails, partner_additional_values=values
            )
            if not emails:
                kwargs.pop("partner_emails")
        post_data = super()._prepare_post_data(post_data, thread, **kwargs)
        if citizens:
            partner_ids = [partner.id for partner in citizens.values()]
            post_data["partner_ids"] = list(
                dict.fromkeys(list(post_data.get("partner_ids") or []) + partner_ids)
            )
        return post_data

    @http.route()
    def mail_thread_partner_from_email(self, emails, additional_values=None):
        citizens, others, values = request.env[
            "borgerraadgiver.citizen"
        ]._mail_partners_from_emails(emails, additional_values)
        found = iter(
            super().mail_thread_partner_from_email(others, values) if others else []
        )
        # in the order of the addresses: the client matches them by position
        return [
            {"id": partner.id, "name": partner.name, "email": partner.email}
            if (partner := citizens.get(email))
            else next(found)
            for email in emails
        ]
