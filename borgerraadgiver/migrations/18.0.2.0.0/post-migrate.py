"""From 18.0.2.0.0 centre staff work on referrals, not on inquiries: every
inquiry forwarded before the update gets the referral of its round, so that
the centre still sees (and can answer) what was sent to it. No mail is sent:
the centre had the inquiry already."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    inquiries = env["borgerraadgiver.inquiry"].search(
        [
            ("forwarded_date", "!=", False),
            ("centre_id", "!=", False),
            ("referral_ids", "=", False),
        ]
    )
    for inquiry in inquiries:
        answered = bool(inquiry.centre_answer_date)
        referral = env["borgerraadgiver.referral"].create(
            {
                "name": f"{inquiry.name}/1",
                "inquiry_id": inquiry.id,
                "centre_id": inquiry.centre_id.id,
                "user_id": inquiry.user_id.id,
                "subject": inquiry.subject,
                "description": inquiry.description,
                "citizen_name": inquiry.citizen_id.name,
                "citizen_email": inquiry.citizen_id.email,
                "citizen_phone": inquiry.citizen_id.phone,
                "date": inquiry.forwarded_date,
                "deadline": inquiry.centre_deadline,
                "answer_date": inquiry.centre_answer_date,
                "answer": inquiry.centre_answer,
                "state": "answered"
                if answered
                else ("sent" if inquiry.state == "forwarded" else "withdrawn"),
            }
        )
        referral.message_subscribe(
            partner_ids=inquiry.centre_id.user_ids.partner_id.ids
        )
