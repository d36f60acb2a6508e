"""A citizen's access request (GDPR art. 15, issue 17 item 6): one zip with
everything the advisor's system holds about the citizen, in Danish —

- ``indsigt.html``: the register's entry, each inquiry with its referrals and
  their messages (QWeb template ``access_request_document``);
- ``filer/<number>/…``: the files of the inquiries and referrals;
- ``adgangslog.csv``: who (by role, CJEU C-579/21) read the citizen's data
  when, how and which fields, from the access log.

Only records linked to the citizen by id are taken, never by name. The advisor
reads it before it goes out (the exceptions of databeskyttelsesloven § 22)."""

import csv
import io
import zipfile

from odoo import models
from odoo.tools import format_datetime, html2plaintext

# The language of the export, whatever the advisor's
LANG = "da_DK"
# The roles the log's readers are named by, highest first
ROLES = [
    "borgerraadgiver.group_advisor",
    "borgerraadgiver.group_statistics",
    "borgerraadgiver.group_centre_staff",
    "borgerraadgiver.group_admin",
]


class ReportBorgerraadgiverAccessRequest(models.AbstractModel):
    _name = "report.borgerraadgiver.access_request"
    _description = "Access Request Export"

    def _render(self, citizen):
        """The zip (bytes) of `citizen`'s data, read as the current user."""
        citizen.ensure_one()
        self = self.with_context(lang=LANG)
        citizen = citizen.with_env(self.env)
        inquiries = citizen.inquiry_ids.with_context(active_test=False)
        referrals = inquiries.referral_ids
        for records in (citizen, inquiries, referrals):
            records._log_read(records._personal_fields, "access_request")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("indsigt.html", self._summary(citizen, inquiries))
            for path, content in self._files(inquiries, referrals):
                archive.writestr(path, content)
            archive.writestr("adgangslog.csv", self._log_csv(citizen, inquiries))
        return buffer.getvalue()

    def _summary(self, citizen, inquiries):
        return self.env["ir.qweb"]._render(
            "borgerraadgiver.access_request_document",
            {
                "citizen": citizen,
                "inquiries": inquiries,
                "messages": self._messages,
                "plaintext": html2plaintext,
                "printed": format_datetime(self.env, self.env.cr.now()),
            },
        )

    def _messages(self, record):
        """The messages of a record's chatter that say something."""
        return record.message_ids.filtered(lambda m: m.body or m.attachment_ids)[::-1]

    def _files(self, inquiries, referrals):
        """(path in the zip, content) of each file of the inquiries and
        referrals, their messages' included."""
        attachments = self.env["ir.attachment"].search(
            [
                "|",
                "&",
                ("res_model", "=", inquiries._name),
                ("res_id", "in", inquiries.ids),
                "&",
                ("res_model", "=", referrals._name),
                ("res_id", "in", referrals.ids),
            ],
            order="id",
        )
        names = {
            (r._name, r.id): r.name.replace("/", "-") for r in [*inquiries, *referrals]
        }
        for attachment in attachments:
            folder = names[attachment.res_model, attachment.res_id]
            yield f"filer/{folder}/{attachment.id}-{attachment.name}", attachment.raw

    def _log_csv(self, citizen, inquiries):
        Log = self.env["borgerraadgiver.access.log"].sudo()
        lines = Log.search(
            [
                "|",
                "|",
                "&",
                ("res_model", "=", citizen._name),
                ("res_id", "=", citizen.id),
                "&",
                ("res_model", "=", inquiries._name),
                ("res_id", "in", inquiries.ids),
                "&",
                ("res_model", "=", "borgerraadgiver.referral"),
                ("res_id", "in", inquiries.referral_ids.ids),
            ],
            order="date, id",
        )
        _ = self.env._
        operations = dict(Log._fields["method"]._description_selection(self.env))
        output = io.StringIO()
        writer = csv.writer(output, delimiter=";")
        writer.writerow(
            [
                _("Date"),
                _("Read by"),
                _("Record"),
                _("Fields"),
                _("Operation"),
                _("Path"),
            ]
        )
        for line in lines:
            writer.writerow(
                [
                    format_datetime(
                        self.env, line.date, dt_format="yyyy-MM-dd HH:mm:ss"
                    ),
                    self._role(line.user_id),
                    line.record_name,
                    line.field_labels,
                    operations[line.method],
                    line.path,
                ]
            )
        # with a BOM, for Excel to read the Danish letters
        return "\ufeff" + output.getvalue()

    def _role(self, user):
        """The reader's role, not their name (CJEU C-579/21)."""
        for xmlid in ROLES:
            group = self.env.ref(xmlid)
            if user in group.sudo().users:
                return group.name
        return self.env._("Other user")
