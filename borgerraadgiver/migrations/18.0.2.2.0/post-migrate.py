"""From 18.0.2.2.0:

- Retention (issue 17, item 4): the retention period of a cancelled inquiry
  runs from the day it was cancelled, which inquiries record from this
  version on (cancelled_date). Inquiries cancelled before get the day of
  their last change of stage in the chatter (the cancellation), in the
  municipality's time zone, or else the day they were last written.
- The journal (issue 17, item 7): every document received or sent on an
  inquiry or a referral is journalised (borgerraadgiver.journal.entry). The
  documents of the inquiries and referrals made before get their entries
  here, numbered per inquiry in the order of their dates, as if the journal
  had always been kept."""

from odoo import SUPERUSER_ID, api

from odoo.addons.borgerraadgiver.models.municipal_day import municipal_tz

FILL_CANCELLED_DATES = """
    UPDATE borgerraadgiver_inquiry inquiry
       SET cancelled_date = COALESCE(
               (SELECT message.date
                  FROM mail_tracking_value tracking
                  JOIN mail_message message ON message.id = tracking.mail_message_id
                  JOIN ir_model_fields field ON field.id = tracking.field_id
                 WHERE message.model = 'borgerraadgiver.inquiry'
                   AND message.res_id = inquiry.id
                   AND field.model = 'borgerraadgiver.inquiry'
                   AND field.name = 'state'
                 ORDER BY message.date DESC, message.id DESC
                 LIMIT 1),
               inquiry.write_date
           ) AT TIME ZONE 'UTC' AT TIME ZONE %s
     WHERE inquiry.state = 'cancelled' AND inquiry.cancelled_date IS NULL
"""


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(FILL_CANCELLED_DATES, [municipal_tz(env).zone])
    env["borgerraadgiver.journal.entry"]._journalise_existing()
