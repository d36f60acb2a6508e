"""Finding a case by its number (issue 19). A number typed from its
beginning — "BR-2026-0012", "br-2026-00", "BR-2026-0012/1" — is looked up as
a prefix in a btree index of the numbers (``varchar_pattern_ops``), whose
cost does not grow with the table; the subject is not searched then (its
trigram index read 375 pages for such a text at a million inquiries, to
find nothing). Anything else — a part of a number, words of the subject —
goes to the trigram indexes, as before. The search views' field and every
many2one's dropdown search through ``display_name``."""

import re

from odoo import api, models
from odoo.tools.sql import create_index

# the beginning of a number: letters, a dash and the year, then perhaps the
# sequence and a referral's round (numbers are BR-2026-0012 and BR-2026-0012/1)
NUMBER_START = re.compile(r"[^\W\d_]+-\d{4}(?:-\d*(?:/\d*)?)?")


class BorgerraadgiverNumbered(models.AbstractModel):
    _name = "borgerraadgiver.numbered"
    _description = "Case Found by Its Number"
    _rec_names_search = ["name", "subject"]

    def init(self):
        if not self._abstract:
            create_index(
                self.env.cr,
                f"{self._table}_name_prefix_index",
                self._table,
                ["name varchar_pattern_ops"],
            )

    @api.model
    def _search_display_name(self, operator, value):
        typed = value.strip() if isinstance(value, str) else ""
        if operator == "ilike" and NUMBER_START.fullmatch(typed):
            # numbers are written in capitals
            return [("name", "=like", f"{typed.upper()}%")]
        return super()._search_display_name(operator, value)
