"""The inquiry's journal (offentlighedsloven § 15): its list of documents
(aktliste) and the export of a closed case for archiving: one zip with an
index (index.xml, described in the README) and each document, for the
municipality's ESDH."""

import io
import zipfile

from lxml import etree
from lxml.builder import ElementMaker

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .borgerraadgiver_confidential_thread import ADVISOR_GROUP
from .borgerraadgiver_journal_entry import iso_utc
from .cpr import mask_cpr_numbers

ARCHIVE_NAMESPACE = "urn:borgerraadgiver:archive:1"
ARCHIVE_INDEX = "index.xml"


class BorgerraadgiverInquiry(models.Model):
    _inherit = "borgerraadgiver.inquiry"

    journal_entry_ids = fields.One2many(
        "borgerraadgiver.journal.entry",
        "inquiry_id",
        string="Journal",
        readonly=True,
        groups=ADVISOR_GROUP,
    )
    journal_entry_count = fields.Integer(
        compute="_compute_journal_entry_count", groups=ADVISOR_GROUP
    )
    # the last document number given (borgerraadgiver.journal.entry._next_number)
    journal_last_number = fields.Integer(
        readonly=True, copy=False, groups=ADVISOR_GROUP
    )

    def _compute_journal_entry_count(self):
        counts = dict(
            self.env["borgerraadgiver.journal.entry"]._read_group(
                [("inquiry_id", "in", self.ids)], ["inquiry_id"], ["__count"]
            )
        )
        for inquiry in self:
            inquiry.journal_entry_count = counts.get(inquiry, 0)

    def action_view_journal(self):
        """The aktliste: the inquiry's documents by number."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "borgerraadgiver.borgerraadgiver_journal_entry_action"
        )
        action["domain"] = [("inquiry_id", "=", self.id)]
        action["display_name"] = _("Journal of %(name)s", name=self.name)
        return action

    # ------------------------------------------------------------------
    # Export of a closed case for archiving
    # ------------------------------------------------------------------

    def action_export_archive(self):
        """The download of the closed case as a zip (controllers/journal.py)."""
        self.ensure_one()
        self._check_archivable()
        return {
            "type": "ir.actions.act_url",
            "url": f"/borgerraadgiver/inquiry/{self.id}/archive.zip",
            "target": "self",
        }

    def _check_archivable(self):
        self.check_access("read")
        if not self.env.user.has_group(ADVISOR_GROUP):
            raise AccessError(_("Only the advisor exports a case for archiving."))
        if self.state != "closed":
            raise UserError(
                _(
                    "Inquiry %(name)s is not closed: only a closed case is "
                    "exported for archiving.",
                    name=self._label(),
                )
            )

    @api.model
    def _archive_for_download(self, inquiry_id):
        """The inquiry if the user may download its archive, else nothing
        (the same for an id that does not exist)."""
        inquiry = self.browse(inquiry_id).exists()
        try:
            inquiry._check_archivable()
        except (AccessError, UserError):
            return self.browse()
        return inquiry

    def _archive_zip(self):
        """The zip: index.xml, then a folder per document (0001/ …) with the
        message as message.eml and its files as they are."""
        self.ensure_one()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            documents = []
            for entry in self.sudo().journal_entry_ids.sorted("number"):
                files = entry._archive_files()
                for path, _role, _mimetype, content in files:
                    archive.writestr(path, content)
                documents.append((entry, files))
            archive.writestr(ARCHIVE_INDEX, self._archive_index(documents))
        return buffer.getvalue()

    def _archive_index(self, documents):
        """index.xml: the case's metadata and its aktliste."""
        inquiry = self.sudo()
        E = ElementMaker(namespace=ARCHIVE_NAMESPACE, nsmap={None: ARCHIVE_NAMESPACE})

        def present(*elements):
            return [element for element in elements if element is not None]

        def coded(tag, record, code):
            return E(tag, record.display_name, code=code) if record else None

        def selection(tag, name):
            value = inquiry[name]
            label = dict(inquiry._fields[name]._description_selection(self.env))
            return E(tag, label[value], code=value) if value else None

        def day(tag, value):
            return E(tag, fields.Date.to_string(value)) if value else None

        case = E.case(
            *present(
                E.number(inquiry.name),
                E.title(mask_cpr_numbers(inquiry.subject)),
                day("received", inquiry.received_date),
                day("closed", inquiry.closed_date),
                selection("channel", "channel"),
                E.citizen(inquiry.citizen_id.name) if inquiry.citizen_id else None,
                coded("centre", inquiry.centre_id, inquiry.centre_id.code),
                coded("category", inquiry.category_id, inquiry.category_id.code),
                coded(
                    "subcategory", inquiry.subcategory_id, inquiry.subcategory_id.code
                ),
                selection("resolution", "resolution"),
                selection("outOfScopeReason", "out_of_scope_reason"),
                E.referrals(
                    *(
                        E.referral(
                            *present(
                                day("sent", referral.date),
                                day("answered", referral.answer_date),
                            ),
                            number=referral.name,
                            centre=referral.centre_id.code or "",
                        )
                        for referral in inquiry.referral_ids.sorted("id")
                    )
                ),
                E.documents(
                    *(entry._archive_element(E, files) for entry, files in documents)
                ),
            ),
            version="1",
            exported=iso_utc(fields.Datetime.now()),
        )
        return etree.tostring(
            case, xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
