"""Who read whose personal data (issue 17, item 5): one line per user, record
and request, appended by the system and never changed.

The reads are collected during the request by the models that hold personal
data (borgerraadgiver.access.logged) and written when the transaction
commits (a precommit hook of the cursor), and a request that fails logs
nothing, as it showed nothing. The request writes one row per group of
records read alike, their ids in an array, to a queue table
(QUEUE_TABLE): a list of 80 inquiries costs one row, not 80 — what a
PostgreSQL row and its index entries cost is most of what logging costs.
The queue is spread into the log's lines, one per record, before anything
reads the log (its searches, the monthly sample, the purge) and every few
minutes by a scheduled action, so that a reader never sees the queue.
Nobody changes or deletes a line through Odoo, the superuser included:
there is no access right but read (for the addon's administrator), write
and unlink refuse, and the queue is no model at all. The daily purge
deletes what is older than the configured period with SQL. At the SQL level
the database role Odoo connects with owns the tables and could change them:
only whoever holds that role's credentials (the server's operator) can."""

import contextlib
from collections import defaultdict

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import SQL

from .res_config_settings import MIN_ACCESS_LOG_MONTHS, get_int_param

# The models whose reads are logged, as the log names them
LOGGED_MODELS = [
    ("borgerraadgiver.inquiry", "Inquiry"),
    ("borgerraadgiver.referral", "Referral"),
    ("borgerraadgiver.citizen", "Citizen"),
]
# How the data was read
METHODS = [
    ("read", "Shown (form, list, RPC)"),
    ("export_data", "Export"),
    ("report", "Report"),
    ("messages", "Messages"),
    ("name_search", "Search"),
    ("access_request", "Access request"),
]
# The web client's routes that call a model's method: the model and the
# method are in the request's parameters, the path's tail is free
CALL_ROUTES = ("/web/dataset/call_kw", "/web/dataset/call_button")
# The reads of the current transaction, until they are written
PENDING_READS = "borgerraadgiver.access_log.pending"
# The requests' reads not yet spread into lines: one row per group of
# records read alike, their ids in an array (res_ids); no index, no key
QUEUE_TABLE = "borgerraadgiver_access_log_queue"
# The columns of a line, and of a queued row with res_ids for res_id
COLUMNS = [
    "date",
    "user_id",
    "res_model",
    "res_id",
    "field_names",
    "path",
    "method",
    "ip_address",
]


class BorgerraadgiverAccessLog(models.Model):
    _name = "borgerraadgiver.access.log"
    _description = "Access Log"
    _order = "date desc, id desc"
    # no create_uid/write_date: the line is written once, by the system
    _log_access = False

    date = fields.Datetime(required=True, readonly=True, index=True)
    # A user who read personal data cannot be deleted (archive instead):
    # res_users.py refuses it. Not a foreign key: PostgreSQL checks a
    # foreign key row by row, a third of what logging an 80-row list costs.
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    res_model = fields.Selection(
        LOGGED_MODELS, string="Record Type", required=True, readonly=True
    )
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    record_name = fields.Char(
        string="Record",
        compute="_compute_record_name",
        help="The number of the inquiry or referral; a citizen by the "
        "register's id (the log holds no names).",
    )
    field_names = fields.Char(
        string="Technical Field Names",
        required=True,
        readonly=True,
        help="The personal fields read, as the system names them.",
    )
    field_labels = fields.Char(string="Fields", compute="_compute_field_labels")
    path = fields.Char(
        required=True,
        readonly=True,
        help="How the data was read: the web address of the request "
        "(/web/dataset/call_kw/<model>/<method>, /web/export/…, /report/…), "
        "or 'cron' or 'shell' without a request.",
    )
    method = fields.Selection(METHODS, string="Operation", required=True, readonly=True)
    ip_address = fields.Char(string="IP Address", readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE TABLE IF NOT EXISTS %s (date timestamp NOT NULL, "
                "user_id int NOT NULL, res_model varchar NOT NULL, "
                "res_ids int[] NOT NULL, field_names varchar NOT NULL, "
                "path varchar NOT NULL, method varchar NOT NULL, ip_address varchar)",
                SQL.identifier(QUEUE_TABLE),
            )
        )
        # The foreign key user_id would have (see there) is not expected:
        # the field asks for it after the models' init, the registry creates
        # the expected keys last; in between, the key is taken back.
        self.pool.post_init(self.pool._foreign_keys.pop, (self._table, "user_id"), None)
        # the access request's and the admin's look-up of one record
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (res_model, res_id)",
                SQL.identifier(f"{self._table}_record_index"),
                SQL.identifier(self._table),
            )
        )

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        numbers = {}
        for res_model in {"borgerraadgiver.inquiry", "borgerraadgiver.referral"}:
            lines = self.filtered(lambda line, model=res_model: line.res_model == model)
            records = self.env[res_model].sudo().browse(lines.mapped("res_id"))
            numbers |= {(res_model, r.id): r.name for r in records.exists()}
        for line in self:
            if line.res_model == "borgerraadgiver.citizen":
                line.record_name = _("Citizen %(id)s", id=line.res_id)
            else:
                line.record_name = numbers.get(
                    (line.res_model, line.res_id), _("Deleted")
                )

    @api.depends("res_model", "field_names")
    def _compute_field_labels(self):
        for line in self:
            model_fields = self.env[line.res_model]._fields
            line.field_labels = ", ".join(
                model_fields[name]._description_string(self.env)
                if name in model_fields
                else name
                for name in line.field_names.split(",")
            )

    # ------------------------------------------------------------------
    # Nobody changes the log
    # ------------------------------------------------------------------

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(
            _("The access log cannot be changed: its lines are written by the system.")
        )

    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(
            _(
                "Lines of the access log cannot be deleted: they are deleted "
                "by the system after the retention period of the settings."
            )
        )

    # ------------------------------------------------------------------
    # Appending
    # ------------------------------------------------------------------

    @api.model
    def _add_reads(self, res_model, res_ids, field_names, method):
        """Note that the current user read `field_names` of the records
        `res_ids`: written with the transaction's commit."""
        cr = self.env.cr
        pending = cr.precommit.data.get(PENDING_READS)
        if pending is None:
            pending = cr.precommit.data[PENDING_READS] = {}
            cr.precommit.add(self._write_pending_reads)
        uid = self.env.uid
        for res_id in res_ids:
            pending.setdefault((uid, res_model, res_id, method), set()).update(
                field_names
            )

    def _write_pending_reads(self):
        pending = self.env.cr.precommit.data.pop(PENDING_READS, {})
        if not pending:
            return
        # the records read alike (a list's 80 rows) form one group
        groups = defaultdict(list)
        for (uid, res_model, res_id, method), names in pending.items():
            groups[uid, res_model, ",".join(sorted(names)), method].append(res_id)
        path, ip_address = self._request_origin()
        self._insert_groups(fields.Datetime.now(), path, ip_address, groups)

    def _request_origin(self):
        """The path and the client's address of the current request, or how
        the code runs without one. The web client's calls name the model and
        the method called: the rest of their path is whatever the client
        sends (/web/dataset/call_kw/anything calls what its parameters say)."""
        if not request:
            return ("cron" if self.env.context.get("cron_id") else "shell"), None
        path = request.httprequest.path
        params = request.params
        for route in CALL_ROUTES:
            if path == route or path.startswith(f"{route}/"):
                path = f"{route}/{params.get('model')}/{params.get('method')}"
        return path, request.httprequest.remote_addr

    @api.model
    def _insert_groups(self, date, path, ip_address, groups):
        """One INSERT into the queue of a row per group: `groups` maps
        (user id, model, field names, method) to the ids of the records read
        so."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) VALUES %s",
                SQL.identifier(QUEUE_TABLE),
                SQL(", ").join(
                    SQL.identifier("res_ids" if column == "res_id" else column)
                    for column in COLUMNS
                ),
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s::int[], %s, %s, %s, %s)",
                        date,
                        uid,
                        res_model,
                        res_ids,
                        field_names,
                        path,
                        method,
                        ip_address,
                    )
                    for (uid, res_model, field_names, method), res_ids in groups.items()
                ),
            )
        )

    # ------------------------------------------------------------------
    # Spreading the queue into lines
    # ------------------------------------------------------------------

    @api.model
    def _spread_queue(self):
        """Move the queued reads into the log, a line per record, in the
        current transaction (a rollback puts them back). Rows that another
        transaction is moving are skipped, not waited for, and so is the
        queue when another transaction moved rows since this one began (what
        Odoo's repeatable read refuses to touch): the other one writes them.
        Not on a read-only cursor (a replica): the reader sees the lines
        spread so far."""
        if self.env.cr.readonly:
            return
        with (
            contextlib.suppress(psycopg2.errors.SerializationFailure),
            self.env.cr.savepoint(flush=False),
        ):
            self._move_queue()

    def _move_queue(self):
        self.env.cr.execute(
            SQL(
                "WITH queued AS (DELETE FROM %(queue)s WHERE ctid IN "
                "(SELECT ctid FROM %(queue)s FOR UPDATE SKIP LOCKED) RETURNING *) "
                "INSERT INTO %(log)s (%(columns)s) SELECT %(values)s FROM queued "
                "ORDER BY date",
                queue=SQL.identifier(QUEUE_TABLE),
                log=SQL.identifier(self._table),
                columns=SQL(", ").join(SQL.identifier(column) for column in COLUMNS),
                values=SQL(", ").join(
                    SQL("unnest(res_ids)")
                    if column == "res_id"
                    else SQL.identifier(column)
                    for column in COLUMNS
                ),
            ),
            log_exceptions=False,
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Whoever may read the log reads it with the queue spread."""
        self.check_access("read")
        self._spread_queue()
        return super()._search(domain, offset=offset, limit=limit, order=order)

    # ------------------------------------------------------------------
    # Purge
    # ------------------------------------------------------------------

    @api.model
    def _cron_purge(self):
        """Delete the lines older than the retention period of the settings
        (borgerraadgiver.access_log_months)."""
        months = max(
            get_int_param(self.env, "borgerraadgiver.access_log_months"),
            MIN_ACCESS_LOG_MONTHS,
        )
        cutoff = fields.Datetime.subtract(fields.Datetime.now(), months=months)
        self._spread_queue()
        self.env.cr.execute(
            SQL("DELETE FROM %s WHERE date < %s", SQL.identifier(self._table), cutoff)
        )
