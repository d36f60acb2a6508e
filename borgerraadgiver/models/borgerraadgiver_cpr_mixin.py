"""CPR numbers anywhere on a thread of the addon (issue 17, item 2): its free
texts, the messages of its chatter (mail from the gateway included) and the
names of its files. The form's banner names every place that holds one; one
click of the advisor masks them all in place to DDMMYY-XXXX. Detection is
cpr.py's, the dialog while typing the inquiry's (_new_cpr_warning)."""

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .borgerraadgiver_confidential_thread import ADVISOR_GROUP
from .cpr import holds_cpr_number, mask_cpr_serials

# what is checked and masked on a message and on a file of the thread
MESSAGE_FIELDS = ("subject", "body")
ATTACHMENT_FIELDS = ("name",)


class BorgerraadgiverCprMixin(models.AbstractModel):
    _name = "borgerraadgiver.cpr.mixin"
    _description = "CPR Numbers in a Thread of the Citizens' Advisor"

    # the free texts of the record where the advisor's and the citizen's
    # words arrive
    _cpr_fields = ()

    cpr_warning = fields.Char(
        string="CPR Warning",
        compute="_compute_cpr_warning",
        help="Shown when a text, a message or a file name seems to hold a CPR "
        "number (§1.4).",
    )

    @api.depends(lambda self: self._cpr_fields)
    def _compute_cpr_warning(self):
        places = self._cpr_places()
        for record in self:
            labels = places.get(record.id)
            record.cpr_warning = (
                record._cpr_banner(", ".join(labels)) if labels else False
            )

    def _cpr_banner(self, places):
        """The banner's text naming `places` (labels joined)."""
        raise NotImplementedError

    def _cpr_places(self):
        """{record id: [labels of the places holding a CPR number]}: the
        record's fields, then "a message" or "3 messages", then "the file
        name …" of each file."""
        places = defaultdict(list)
        for record in self:
            places[record.id] += [
                record._fields[name]._description_string(self.env)
                for name in record._cpr_readable_fields()
                if holds_cpr_number(record[name])
            ]
        messages = defaultdict(int)
        for message in self._cpr_messages():
            messages[message.res_id] += 1
        for res_id, count in messages.items():
            places[res_id].append(
                _("a message") if count == 1 else _("%(count)s messages", count=count)
            )
        for attachment in self._cpr_attachments():
            places[attachment.res_id].append(
                _("the file name %(name)s", name=attachment.name)
            )
        return places

    def _cpr_readable_fields(self):
        return [
            name
            for name in self._cpr_fields
            if self._fields[name].is_accessible(self.env)
        ]

    def _cpr_messages(self):
        """The messages of the records' chatter that hold a CPR number (as
        superuser: the records are the user's to read)."""
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "in", self._origin.ids)])
        )
        return messages.filtered(
            lambda message: any(holds_cpr_number(message[n]) for n in MESSAGE_FIELDS)
        )

    def _cpr_attachments(self):
        """The files of the records whose name holds a CPR number (the files
        of binary fields are named after the field: their file names are
        fields of _cpr_fields)."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "in", self._origin.ids)]
            )
        )
        return attachments.filtered(
            lambda attachment: holds_cpr_number(attachment.name)
        )

    def action_mask_cpr(self):
        """Mask every CPR number of the records (DDMMYY-XXXX): in their free
        texts, the messages of their chatter and their file names. The
        advisor's alone: it rewrites texts, messages and files of others."""
        if not self.env.user.has_group(ADVISOR_GROUP):
            raise AccessError(_("Only the advisor masks CPR numbers."))
        self.check_access("write")
        places = self._cpr_places()
        for record in self:
            values = {
                name: mask_cpr_serials(record[name])
                for name in record._cpr_readable_fields()
                if holds_cpr_number(record[name])
            }
            if values:
                record.write(values)
        self._cpr_mask_records(self._cpr_messages(), MESSAGE_FIELDS)
        self._cpr_mask_records(self._cpr_attachments(), ATTACHMENT_FIELDS)
        for record in self.filtered(lambda record: places.get(record.id)):
            record.message_post(
                body=_(
                    "CPR numbers masked in: %(places)s.",
                    places=mask_cpr_serials(", ".join(places[record.id])),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _cpr_mask_records(self, records, names):
        for record in records:
            record.write(
                {
                    name: mask_cpr_serials(record[name])
                    for name in names
                    if holds_cpr_number(record[name])
                }
            )
