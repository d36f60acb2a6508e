"""From 18.0.2.0.0 citizens live in the addon's register and centre staff
work on referrals, not on inquiries:

- every partner that was an inquiry's citizen becomes a citizen of the
  register (name, address, phone, e-mail copied; the partner itself is left
  as it is, and no longer hidden);
- every inquiry forwarded before the update gets the referral of its round,
  so that the centre still sees (and can answer) what was sent to it. No mail
  is sent: the centre had the inquiry already."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    _register_citizens(env)
    _create_referrals(env)


def _register_citizens(env):
    cr = env.cr
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = "
        "'borgerraadgiver_inquiry' AND column_name = 'borgerraadgiver_old_partner_id'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        "SELECT DISTINCT borgerraadgiver_old_partner_id FROM borgerraadgiver_inquiry "
        "WHERE borgerraadgiver_old_partner_id IS NOT NULL"
    )
    partners = env["res.partner"].browse([row[0] for row in cr.fetchall()])
    for partner in partners.with_context(active_test=False):
        citizen = env["borgerraadgiver.citizen"].create(
            {
                "name": partner.name or "?",
                "street": partner.street,
                "zip": partner.zip,
                "city": partner.city,
                "phone": partner.phone,
                "email": partner.email,
            }
        )
        cr.execute(
            "UPDATE borgerraadgiver_inquiry SET citizen_id = %s "
            "WHERE borgerraadgiver_old_partner_id = %s",
            (citizen.id, partner.id),
        )
    cr.execute(
        "ALTER TABLE borgerraadgiver_inquiry DROP COLUMN borgerraadgiver_old_partner_id"
    )
    env["borgerraadgiver.inquiry"].invalidate_model(["citizen_id"])


def _create_referrals(env):
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
