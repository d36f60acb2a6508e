"""The advisor's register of citizens (issue 14): kept out of the ERP's
contact book, the way Odoo 17 moved employees' private addresses off
res.partner. A citizen gets a partner only when the advisor mails them, and
only ever one the addon creates for them (hidden from everyone but the advisor
by res.partner's _apply_ir_rules and _check_access, models/res_partner.py); an
existing ERP contact is never used, flagged or changed."""

import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from .borgerraadgiver_anonymisable import referenced_ids
from .borgerraadgiver_confidential_thread import acts_as_advisor

# The key of a suggested recipient's create values that names the citizen: the
# mail client sends it back with the address when the advisor sends (see
# controllers/thread.py), and the citizen's own partner is made only then.
CITIZEN_KEY = "borgerraadgiver_citizen_id"
# the words of a name as typed (_search_display_name)
NAME_WORD = re.compile(r"[^\W_]+")


class BorgerraadgiverCitizen(models.Model):
    _name = "borgerraadgiver.citizen"
    _inherit = ["borgerraadgiver.anonymisable", "borgerraadgiver.access.logged"]
    _description = "Citizen"
    # what the access log records a read of (borgerraadgiver_access_logged.py)
    _personal_fields = frozenset(
        {
            "name",
            "display_name",
            "street",
            "zip",
            "city",
            "phone",
            "email",
            "email_normalized",
            "partner_id",
            "inquiry_ids",
        }
    )
    _order = "name, id"
    # the citizen's name is personal data too
    _anonymise_keep = frozenset()
    _rec_names_search = ["name", "email", "phone"]

    # a search by name reads the words' index (init, _search_display_name);
    # the trigram index serves domains on the name itself (a filter, an RPC
    # client's ilike)
    name = fields.Char(required=True, index="trigram", help="The citizen's name.")
    street = fields.Char()
    zip = fields.Char(string="ZIP")
    city = fields.Char()
    # trigram indexes: a search by name also looks in e-mail and phone
    # (_rec_names_search), which must not scan every citizen
    phone = fields.Char(index="trigram")
    email = fields.Char(
        index="trigram", help="Where the advisor's mails to the citizen go."
    )
    email_normalized = fields.Char(
        compute="_compute_email_normalized",
        store=True,
        index=True,
        help="The e-mail address as the mail gateway compares it.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Mail Contact",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The contact the addon created to send mail to the citizen, seen "
        "only by the advisor; never an existing contact of the ERP.",
    )
    inquiry_ids = fields.One2many(
        "borgerraadgiver.inquiry", "citizen_id", string="Inquiries"
    )
    inquiry_count = fields.Integer(compute="_compute_inquiry_count")
    active = fields.Boolean(default=True)

    @api.depends_context("uid")
    def _compute_display_name(self):
        """A Many2one shows its record's name as superuser (a form's values,
        onchange with a default citizen, group headers): a citizen is named
        only for whoever may read the register, the advisor."""
        super()._compute_display_name()
        if acts_as_advisor(self.env):
            return
        for citizen in self:
            citizen.display_name = _("Confidential")

    def init(self):
        create_index(
            self.env.cr,
            "borgerraadgiver_citizen_name_words_index",
            self._table,
            ["to_tsvector('simple', name)"],
            method="gin",
        )

    @api.model
    def _search_display_name(self, operator, value):
        """A citizen is found by the words of their name as they are typed,
        in any order: whole words, the last one perhaps only begun ("niels
        kri" finds Niels Emil Kristensen, "nie kri" does not), read from a
        full-text index whose lists hold the citizens with that one name — not
        a trigram's, which at 600,000 citizens holds most of them ("sen") and
        grew with the register. Only the last word is a prefix: each prefix
        merges the lists of every word it begins ("niels" begins "nielsen"),
        three of them took 22 ms at a million inquiries, one 7 ms. Or by a
        part of their e-mail or phone number, as before. Every many2one's
        dropdown and the search views use this."""
        words = NAME_WORD.findall(value.lower()) if isinstance(value, str) else []
        if operator != "ilike" or not words:
            return super()._search_display_name(operator, value)
        table = SQL.identifier(self._table)
        pattern = f"%{value}%"
        words[-1] += ":*"
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT id FROM %s WHERE to_tsvector('simple', name) "
                    "@@ to_tsquery('simple', %s) "
                    "UNION SELECT id FROM %s WHERE email ILIKE %s "
                    "UNION SELECT id FROM %s WHERE phone ILIKE %s)",
                    table,
                    " & ".join(words),
                    table,
                    pattern,
                    table,
                    pattern,
                ),
            )
        ]

    @api.depends("email")
    def _compute_email_normalized(self):
        for citizen in self:
            citizen.email_normalized = tools.email_normalize(citizen.email or "")

    @api.depends("inquiry_ids")
    def _compute_inquiry_count(self):
        counts = dict(
            self.env["borgerraadgiver.inquiry"]._read_group(
                [("citizen_id", "in", self.ids)], ["citizen_id"], ["__count"]
            )
        )
        for citizen in self:
            citizen.inquiry_count = counts.get(citizen, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_partner_write(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_partner_write(vals)
        result = super().write(vals)
        if {"name", "email"}.intersection(vals):
            self._sync_mail_partner()
        return result

    def _check_partner_write(self, vals):
        """Only the addon links a citizen to its own partner: linking an ERP
        contact would send the advisor's mail to it."""
        if vals.get("partner_id") and not self.env.su:
            raise UserError(
                _(
                    "The citizen's mail contact is created by the system when "
                    "the advisor mails the citizen; it cannot be chosen."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_inquiries(self):
        for citizen in self._with_inquiries()[:1]:
            raise UserError(
                _(
                    "Citizen %(name)s has inquiries and cannot be deleted; "
                    "archive the citizen instead.",
                    name=citizen.display_name,
                )
            )

    def _with_inquiries(self):
        """The citizens of `self` some inquiry refers to (one query)."""
        return (
            self.env["borgerraadgiver.inquiry"]
            .sudo()
            .search([("citizen_id", "in", self.ids)])
            .citizen_id.with_env(self.env)
        )

    def unlink(self):
        partners = self.sudo().partner_id
        result = super().unlink()
        # the citizen's own mail contact goes with the citizen
        partners._borgerraadgiver_forget()
        return result

    # ------------------------------------------------------------------
    # Access request (GDPR art. 15)
    # ------------------------------------------------------------------

    def action_export_access_request(self):
        """Everything the advisor's system holds about the citizen, as one
        zip downloaded with the user's session
        (report/borgerraadgiver_access_request.py)."""
        self.ensure_one()
        if not self.env.user.has_group("borgerraadgiver.group_advisor"):
            raise AccessError(_("Only the advisor answers access requests."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/borgerraadgiver/citizen/{self.id}/access_request.zip",
            "target": "download",
        }

    # ------------------------------------------------------------------
    # Retention (issue 17, item 4): see borgerraadgiver_anonymisable.py
    # ------------------------------------------------------------------

    def action_anonymise(self, reason=None):
        """Anonymise now, for `reason` (required): every inquiry of the
        citizen, then the citizen (the advisor only)."""
        self._check_anonymise(reason)
        self._anonymise(reason)
        return True

    def action_anonymise_wizard(self):
        """The form's button: the confirmation, which asks for the reason."""
        self._check_anonymise()
        return self._anonymise_wizard_action("citizen_id")

    def _check_anonymise(self, reason=True):
        super()._check_anonymise(reason)
        inquiries = self.sudo().inquiry_ids
        return inquiries.with_env(self.env)._check_anonymise(reason)

    def _anonymise(self, reason):
        citizens = self.sudo()
        citizens.inquiry_ids._anonymise(reason)
        citizens.exists()._forget_unused(reason)

    def _forget_unused(self, reason):
        """The citizens no inquiry refers to any more are deleted, or erased
        where another record of the ERP refers to them; their own mail
        contacts go with them (res_partner.py)."""
        citizens = self.sudo().exists().filtered(lambda citizen: not citizen.anonymised)
        citizens -= citizens._with_inquiries()
        used = citizens.browse(referenced_ids(citizens))
        partners = used.partner_id
        used._erase_personal_data(reason)
        partners._borgerraadgiver_forget()
        (citizens - used).unlink()

    def _anonymised_values(self):
        return dict(super()._anonymised_values(), partner_id=False, active=False)

    # ------------------------------------------------------------------
    # The citizen's own partner, for mail
    # ------------------------------------------------------------------

    def _get_mail_partner(self):
        """The partner the advisor's mail to the citizen goes to: created once,
        as the addon's own (hidden from the rest of the ERP), with the
        citizen's name and e-mail; an ERP contact with the same address is
        never reused."""
        self.ensure_one()
        self.check_access("read")
        citizen = self.sudo()
        if not citizen.partner_id.borgerraadgiver_mail_partner:
            citizen.partner_id = (
                self.env["res.partner"].sudo().create(citizen._mail_partner_values())
            )
        return citizen.partner_id.with_env(self.env)

    def _mail_partner_values(self):
        return {
            "name": self.name,
            "email": self.email,
            "type": "contact",
            "company_id": False,
            "borgerraadgiver_mail_partner": True,
        }

    def _sync_mail_partner(self):
        """The citizen's own partner follows the register's name and e-mail."""
        for citizen in self.sudo().filtered("partner_id.borgerraadgiver_mail_partner"):
            citizen.partner_id.write({"name": citizen.name, "email": citizen.email})

    @api.model
    def _mail_partners_from_emails(self, emails, additional_values=None):
        """The addresses the mail client asks partners for when the advisor
        sends a message (or opens the full composer) with a citizen ticked
        among the suggested recipients: a citizen's own partner for each
        address whose create values name the citizen it belongs to, Odoo's
        usual search or creation for the others.

        :return: ({address: partner} of the citizens, the other addresses,
            the create values without the citizen key)
        """
        values_by_email = {
            email: {
                key: val for key, val in (values or {}).items() if key != CITIZEN_KEY
            }
            for email, values in (additional_values or {}).items()
        }
        partners, others = {}, []
        for email in emails:
            values = (additional_values or {}).get(email) or {}
            citizen_id = values.get(CITIZEN_KEY)
            citizen = self.browse(citizen_id if isinstance(citizen_id, int) else [])
            if citizen:
                # the register is the advisor's: refused before any address
                # is compared, so that nobody learns whose address it is
                citizen.check_access("read")
            if citizen.exists() and citizen._is_address_of(email):
                partners[email] = citizen._get_mail_partner()
                values_by_email.pop(email, None)
            else:
                others.append(email)
        return partners, others, values_by_email

    def _is_address_of(self, email):
        self.ensure_one()
        normalized = tools.email_normalize(email or "", strict=False)
        return bool(normalized) and normalized == self.sudo().email_normalized
