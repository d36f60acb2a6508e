"""Retention (issue 17, item 4): what anonymising a record of the advisor
erases, whichever record it is (an inquiry, its referrals, a citizen).

Erased are the record's free texts and files (every stored char, text, html
and binary field but its number), and, on a thread, its whole chatter: the
messages with their tracking values, notifications, queued mails and
attachments, the followers, the activities and the scheduled messages. The
attachments' files leave the filestore right after the commit (Odoo's own
garbage collection, run at once instead of by the nightly autovacuum), so
that a backup taken afterwards holds none of it. What the statistics count
(dates, centre, category, state, resolution …) is no free text and stays.

An anonymised record is locked: nobody writes it, posts on it or attaches
to it any more; only the addon's own code (sudo) does.
"""

import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .borgerraadgiver_confidential_thread import ADVISOR_GROUP
from .municipal_day import municipal_today

_logger = logging.getLogger(__name__)

# The types of field that hold free text or files
FREE_TEXT_TYPES = {"char", "text", "html", "binary"}
# The language of what anonymising writes on a record (a placeholder, a note)
RECORD_LANG = "da_DK"
# Marks the transaction whose commit must collect the erased files
GC_KEY = "borgerraadgiver.collect_erased_files"


# The single-column foreign keys that point at a table, as Odoo's partner merge
# (base.partner.merge.automatic.wizard._get_fk_on) finds them
FOREIGN_KEYS = """
    SELECT cl.relname, att.attname
      FROM pg_constraint con
      JOIN pg_class cl ON cl.oid = con.conrelid
      JOIN pg_attribute att
        ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
     WHERE con.contype = 'f'
       AND con.confrelid = %s::regclass
       AND array_length(con.conkey, 1) = 1
"""


def anonymised_placeholder(env):
    """What a required text of an anonymised record says instead."""
    return env(context=dict(env.context, lang=RECORD_LANG))._("Anonymised")


def referenced_ids(records):
    """The ids of `records` that another row of the database refers to by a
    foreign key: any model's Many2one or Many2many, the ERP's other apps
    included. Wizards (transient records, which go away by themselves) and a
    record's references to itself do not count."""
    if not records:
        return set()
    env = records.env
    env.flush_all()
    transient = {
        table
        for model in env.registry.values()
        if model._transient
        for table in [model._table]
        + [
            field.relation
            for field in model._fields.values()
            if field.type == "many2many" and field.store
        ]
    }
    ids = tuple(records.ids)
    env.cr.execute(FOREIGN_KEYS, [records._table])
    used = set()
    for table, column in env.cr.fetchall():
        if table in transient:
            continue
        query = SQL(
            "SELECT DISTINCT %s FROM %s WHERE %s IN %s",
            SQL.identifier(column),
            SQL.identifier(table),
            SQL.identifier(column),
            ids,
        )
        if table == records._table:
            query = SQL("%s AND id NOT IN %s", query, ids)
        env.cr.execute(query)
        used.update(row[0] for row in env.cr.fetchall())
    return used


class BorgerraadgiverAnonymisable(models.AbstractModel):
    _name = "borgerraadgiver.anonymisable"
    _description = "Anonymisable Record of the Citizens' Advisor"

    # stored texts that carry no personal data: kept
    _anonymise_keep = frozenset({"name"})

    anonymised = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="The personal data were erased: the retention period ran out, or "
        "the advisor anonymised it.",
    )
    anonymised_date = fields.Date(string="Anonymised On", readonly=True, copy=False)
    anonymised_uid = fields.Many2one(
        "res.users", string="Anonymised By", readonly=True, copy=False
    )
    anonymised_reason = fields.Char(
        string="Reason for Anonymisation", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Locked once anonymised
    # ------------------------------------------------------------------

    def write(self, vals):
        self._check_not_anonymised()
        return super().write(vals)

    def _check_access(self, operation):
        """Attaching files, scheduling activities, posting where posting
        needs write access: refused on an anonymised record, like a write."""
        result = super()._check_access(operation)
        if result or operation == "read":
            return result
        forbidden = self.sudo().filtered("anonymised")
        if forbidden:
            return self.browse(forbidden.ids), forbidden._anonymised_error
        return None

    def _check_not_anonymised(self):
        if not self.env.su and self.sudo().filtered("anonymised"):
            raise self.sudo().filtered("anonymised")[:1]._anonymised_error()

    def _anonymised_error(self):
        record = self[:1]
        return UserError(
            self.env._(
                "%(document)s %(name)s is anonymised: it can no longer be changed.",
                document=self.env["ir.model"].sudo()._get(self._name).name,
                name=record.display_name,
            )
        )

    # ------------------------------------------------------------------
    # Anonymise now: the advisor only
    # ------------------------------------------------------------------

    def _check_anonymise(self, reason=True):
        """Only the advisor anonymises a record now, one she may change,
        for a reason."""
        if not self.env.user.has_group(ADVISOR_GROUP):
            raise AccessError(self.env._("Only the advisor anonymises records."))
        self.check_access("write")
        if not (reason and str(reason).strip()):
            raise UserError(
                self.env._(
                    "%(field)s is required to anonymise.",
                    field=self._fields["anonymised_reason"]._description_string(
                        self.env
                    ),
                )
            )

    def _anonymise_wizard_action(self, field):
        """The confirmation wizard for this record, in `field` of it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymise Now"),
            "res_model": "borgerraadgiver.anonymise",
            "view_mode": "form",
            "target": "new",
            "context": {f"default_{field}": self.id},
        }

    # ------------------------------------------------------------------
    # Erasing
    # ------------------------------------------------------------------

    def _erase_personal_data(self, reason):
        """Erase the personal data of these records (as superuser) and mark
        them anonymised, by the current user, today, for `reason`."""
        records = self.sudo().with_context(tracking_disable=True, active_test=False)
        records._erase_chatter()
        records._erase_attachments()
        values = records._anonymised_values()
        values.update(
            anonymised=True,
            anonymised_date=municipal_today(self.env),
            anonymised_uid=self.env.uid,
            anonymised_reason=reason,
        )
        records.write(values)

    def _anonymised_values(self):
        """{field: erased value} of the free texts and files: False, or the
        placeholder where a text is required."""
        placeholder = anonymised_placeholder(self.env)
        mixin = self.env[BorgerraadgiverAnonymisable._name]._fields
        return {
            name: placeholder if field.required else False
            for name, field in self._fields.items()
            if field.type in FREE_TEXT_TYPES
            and field.store
            and not field.compute
            and not field.related
            and name not in self._anonymise_keep
            and name not in mixin
        }

    def _erase_chatter(self):
        """The thread's messages (with their tracking values, notifications,
        mails, reactions, which go with them), followers, activities and
        scheduled messages."""
        if "message_ids" not in self._fields:
            return
        thread = [("res_id", "in", self.ids)]
        messages = self.env["mail.message"].search(
            [("model", "=", self._name), *thread]
        )
        # files sent with a message but not moved onto the thread
        messages.attachment_ids.filtered(
            lambda attachment: (
                attachment.res_model in ("mail.message", "mail.compose.message", False)
            )
        ).unlink()
        messages.unlink()
        for model in ("mail.followers", "mail.activity"):
            self.env[model].search([("res_model", "=", self._name), *thread]).unlink()
        self.env["mail.scheduled.message"].search(
            [("model", "=", self._name), *thread]
        ).unlink()

    def _erase_attachments(self):
        """The records' files, those of binary fields included; their files
        leave the filestore when the transaction commits."""
        self.env["ir.attachment"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                "|",
                ("res_field", "=", False),
                ("res_field", "!=", False),
            ]
        ).unlink()
        self._collect_erased_files_after_commit()

    def _collect_erased_files_after_commit(self):
        """Odoo only marks an unlinked attachment's file for the nightly
        garbage collection (ir.attachment._gc_file_store); here it runs as
        soon as the erasure is committed. It locks ir_attachment a moment
        and removes each marked file that no attachment refers to any more:
        a file (named by its checksum) that another attachment shares stays."""
        cr = self.env.cr
        if cr.postcommit.data.get(GC_KEY):
            return
        cr.postcommit.data[GC_KEY] = True
        registry = self.env.registry

        @cr.postcommit.add
        def collect_erased_files():
            with registry.cursor() as gc_cr:
                env = api.Environment(gc_cr, SUPERUSER_ID, {})
                if env["ir.attachment"]._gc_file_store() is False:
                    _logger.warning(
                        "The erased files stay in the filestore until the next "
                        "garbage collection: ir_attachment was locked."
                    )
