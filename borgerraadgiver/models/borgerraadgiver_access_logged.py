"""The reads of a model's personal fields go to the access log (issue 17,
item 5). A model inherits this mixin and names its personal fields once, in
``_personal_fields``.

What counts as a read: data of the records handed to a user with the
user's own rights, at the points where it leaves the ORM for the client —
``_read_format`` (every ``read``, ``search_read``, ``web_read`` and
``web_search_read``: forms, lists, kanban, RPC), ``read_group`` when it
groups by or aggregates a personal field (the records of the groups),
``export_data`` (the export), messages of the records read directly
(mail_message.py), reports on the records (report/borgerraadgiver_annual_report_pdf.py,
``IrActionsReport``), the chatter's
messages (controllers/access_log.py) and the access-request export. What
code reads in sudo (reminders, mail templates, statistics, retention) is not
a user's read and is not logged; the superuser's own reads (``odoo shell``)
are not logged either. The Many2one citizen of an inquiry, shown by its name
on the inquiry, is logged as the inquiry's field ``citizen_id``."""

import re

from odoo import api, models


def grouped_field(spec):
    """The field a read_group spec reads: "name", "name:array_agg",
    "alias:array_agg(name)", "date:month" or "partner_id.name" give name."""
    match = re.match(r"\s*(\w+)(?:\.\w+)*\s*(?::\s*\w+\s*(?:\(\s*(\w+))?)?", spec)
    return (match[2] or match[1]) if match else spec


class BorgerraadgiverAccessLogged(models.AbstractModel):
    _name = "borgerraadgiver.access.logged"
    _description = "Reads Logged in the Access Log"

    # The fields that hold personal data, per model; "message_ids" stands for
    # the chatter's messages
    _personal_fields = frozenset()

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        # the records read, not the ids asked for: a missing id reads nothing
        self.browse([vals["id"] for vals in result])._log_read(fnames, "read")
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._log_read(
            [path.split("/")[0].removesuffix(".id") for path in fields_to_export],
            "export_data",
        )
        return result

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Groups show what they group by and aggregate (a citizen's name, an
        array_agg of descriptions): the records of the groups are read."""
        result = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        specs = [*fields, *([groupby] if isinstance(groupby, str) else groupby)]
        named = {grouped_field(spec) for spec in specs}
        if not self.env.su and self._personal_fields.intersection(named):
            self.search(domain)._log_read(named, "read_group")
        return result

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        result = super().name_search(name, args, operator, limit)
        self.browse([id_ for id_, _name in result])._log_read(
            ["display_name"], "name_search"
        )
        return result

    def _log_read(self, fnames, method):
        """Log that the current user read `fnames` of these records (those
        of them that are personal), unless the code runs as superuser."""
        if self.env.su:
            return
        personal = self._personal_fields.intersection(fnames)
        res_ids = [id_ for id_ in self._ids if isinstance(id_, int)]
        if personal and res_ids:
            self.env["borgerraadgiver.access.log"]._add_reads(
                self._name, res_ids, personal, method
            )
