"""Three tables of the yearly report (issue 18), after the complaint points
(3.6), the investigations (3.7) and the recommendations (3.8) of
findings_report.py, which places them in the PDF, the workbook and the
Word document:

- 3.9, returning citizens (item 1): the inquiries that continue an earlier
  one, by quarter, with the advisor's §1.3 reassessment. A continuation still
  counts as an inquiry in tables 3.1–3.4 like any other; this table counts it
  once more, as a continuation. It counts ``is_continuation`` and
  ``reassessment``, which anonymisation keeps (the link itself is cut), so
  that the figures of a period never change.
- 3.10.1 and 3.10.2, counted-only contacts (item 5): the calls and other contacts
  that never became an inquiry, counted apart from the inquiries (as
  Copenhagen counts its calls apart from its cases) by quarter and centre,
  and by category and centre. They are in none of the tables 3.1–3.5.

Counted by the database as the report's user: who may not read the
analysis (or the contacts) gets an AccessError."""

from odoo import api, models

from .borgerraadgiver_statistics import Table

# The tables' numbers: after the recommendations (3.8); the contacts' two
# tables numbered within their section, as the complaint points' (3.6.1 …)
RETURNING_KEY = "3.9"
CONTACTS_BY_CENTRE_KEY = "3.10.1"
CONTACTS_BY_CATEGORY_KEY = "3.10.2"


class BorgerraadgiverStatistics(models.AbstractModel):
    _inherit = "borgerraadgiver.statistics"

    @api.model
    def _returning_and_contact_tables(self, period):
        """The tables 3.9 (returning citizens), 3.10.1 and 3.10.2
        (counted-only contacts) of `period`."""
        counts = self._count_contacts(period)
        centres = self._contact_centres(period, counts)
        return (
            self._table_continuations(period),
            self._table_contacts_by_centre(period, counts, centres),
            self._table_contacts_by_category(period, counts, centres),
        )

    # ------------------------------------------------------------------
    # 3.9 Returning citizens
    # ------------------------------------------------------------------

    @api.model
    def _count_continuations(self, period):
        """{(quarter start, reassessment or None): count} of the inquiries
        received in the period that continue an earlier one; cancelled ones
        never count. Who may read the analysis may read these counts (no
        inquiry is read into Python)."""
        self.env["borgerraadgiver.inquiry.analysis"].check_access("read")
        Inquiry = self.env["borgerraadgiver.inquiry"].sudo()
        return {
            (quarter, reassessment or None): count
            for quarter, reassessment, count in Inquiry._read_group(
                period.domain("received_date")
                + [("state", "!=", "cancelled"), ("is_continuation", "=", True)],
                ["received_date:quarter", "reassessment"],
                ["__count"],
            )
        }

    @api.model
    def _table_continuations(self, period):
        _ = self.env._
        counts = self._count_continuations(period)
        table = Table(
            RETURNING_KEY,
            _("Returning citizens: inquiries that continue an earlier one"),
            _("%s Returning citizens", RETURNING_KEY),
            _("Quarter"),
            [
                _("Continuations"),
                _("Prospect of helping further"),
                _("No prospect of helping further"),
                _("Not yet reassessed"),
            ],
            notes=[
                _(
                    "A citizen who comes back about the same matter: the new "
                    "inquiry continues the earlier one and counts in tables "
                    "3.1–3.4 as an inquiry of its own. The citizens' advisor "
                    "assesses each time whether there is a prospect of helping "
                    "further (§1.3)."
                )
            ],
        )
        for quarter, label in period.quarters:
            by_outcome = {
                reassessment: count
                for (start, reassessment), count in counts.items()
                if start == quarter
            }
            further = by_outcome.get("further_help", 0)
            no_prospect = by_outcome.get("no_prospect", 0)
            pending = by_outcome.get(None, 0)
            table.add_row(
                label, [further + no_prospect + pending, further, no_prospect, pending]
            )
        return table

    # ------------------------------------------------------------------
    # 3.10 Counted-only contacts
    # ------------------------------------------------------------------

    @api.model
    def _count_contacts(self, period):
        """{(quarter start, centre id, category id): count} of the contacts
        of the period, counted by the database as the user (who may not read
        contacts gets an AccessError)."""
        Contact = self.env["borgerraadgiver.contact"]
        return {
            (quarter, centre.id, category.id): count
            for quarter, centre, category, count in Contact._read_group(
                period.domain("date"),
                ["date:quarter", "centre_id", "category_id"],
                ["__count"],
            )
        }

    @api.model
    def _contact_centres(self, period, counts):
        """The columns: the report's centres, then an archived centre only
        contacts were counted under."""
        centres = [centre for centre in period.centres if centre[0]]
        listed = {centre for centre, _code, _name in centres}
        others = {centre for _q, centre, _c in counts} - listed
        Centre = self.env["borgerraadgiver.centre"].with_context(active_test=False)
        centres += [(c.id, c.code, c.name) for c in Centre.browse(sorted(others))]
        return centres

    def _contact_table(self, period, centres, key, title, sheet, corner, chart):
        _ = self.env._
        return Table(
            key,
            title,
            sheet,
            corner,
            [period.total_label] + [code for _i, code, _n in centres],
            notes=[
                ", ".join(f"{code} = {name}" for _i, code, name in centres),
                _(
                    "Calls and other contacts that did not become an inquiry: "
                    "only counted, without personal data. They are not counted "
                    "in tables 3.1–3.5."
                ),
            ],
            chart=chart,
        )

    @api.model
    def _table_contacts_by_centre(self, period, counts, centres):
        _ = self.env._
        table = self._contact_table(
            period,
            centres,
            CONTACTS_BY_CENTRE_KEY,
            _("Contacts without an inquiry by centre"),
            _("%s Contacts by centre", CONTACTS_BY_CENTRE_KEY),
            _("Quarter"),
            {
                "type": "column",
                "subtype": "stacked",
                "columns": list(range(1, len(centres) + 1)),
            },
        )
        for quarter, label in period.quarters:
            by_centre = {}
            for (start, centre, _category), count in counts.items():
                if start == quarter:
                    by_centre[centre] = by_centre.get(centre, 0) + count
            table.add_row(label, period.centre_row(by_centre, centres))
        return table

    @api.model
    def _table_contacts_by_category(self, period, counts, centres):
        _ = self.env._
        table = self._contact_table(
            period,
            centres,
            CONTACTS_BY_CATEGORY_KEY,
            _("Contacts without an inquiry by category"),
            _("%s Contacts by category", CONTACTS_BY_CATEGORY_KEY),
            _("Category of the contact"),
            {"type": "bar", "columns": [0]},
        )
        by_category = {}
        for (_quarter, centre, category), count in counts.items():
            by_centre = by_category.setdefault(category, {})
            by_centre[centre] = by_centre.get(centre, 0) + count
        for category in self._categories(by_category):
            table.add_row(
                f"{category.code} {category.name}",
                period.centre_row(by_category.get(category.id, {}), centres),
            )
        return table
