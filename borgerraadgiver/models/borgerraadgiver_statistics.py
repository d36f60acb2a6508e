"""The figures of the yearly report (§3 and §4.1 of the specification),
counted by PostgreSQL through the analysis views, with the labels and the
conclusion written from them.

``borgerraadgiver.statistics`` is an abstract model: another addon extends
it with ``_inherit`` (a table more: override ``_tables``). Its
``_for_period(date_from, date_to)`` returns a :class:`StatisticsPeriod`, whose
parts are counted or written on first use by the model's method of the same
name: the annual report's list reads the figures (two GROUP BY queries)
without building the tables, the prose or the answer times.

The report is the municipality's Danish document: it is built in an
environment whose language is Danish (:data:`REPORT_LANG`); the labels are
English msgids translated by ``i18n/da.po``, dates and quarters are written
by babel in the report's locale.
"""

import datetime as dt
from functools import cached_property

from babel.dates import format_date, format_interval
from babel.numbers import format_decimal, format_percent
from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse

# The language of the report's contents, whatever the user's language
REPORT_LANG = "da_DK"
# The section of the report that counts the complaint points (issue 18): its
# tables are numbered under it (3.6.1 …)
POINTS_SECTION = "3.6"


def quarter_start(date):
    return dt.date(date.year, 3 * ((date.month - 1) // 3) + 1, 1)


def period_quarters(date_from, date_to):
    """Return (first day, last day) of each calendar quarter the period
    touches."""
    quarters = []
    start = quarter_start(date_from)
    while start <= date_to:
        end = start + relativedelta(months=3, days=-1)
        quarters.append((start, end))
        start = end + relativedelta(days=1)
    return quarters


def format_hours(hours, locale):
    """The hours as the locale writes them: 7,5; 12."""
    return format_decimal(hours, format="#,##0.#", locale=locale)


class Table:
    """A table of the report: labelled rows of counts, the totals row last."""

    def __init__(self, key, title, sheet, corner, columns, notes=(), chart=None):
        self.key = key
        self.title = title
        self.sheet = sheet
        self.corner = corner
        self.columns = columns
        self.notes = list(notes)
        # how the workbook charts the table: {'type', 'subtype', 'columns'}
        self.chart = chart
        self.rows = []

    def add_row(self, label, values):
        assert len(values) == len(self.columns)
        self.rows.append((label, list(values)))

    @property
    def totals(self):
        if not self.rows:
            return [0] * len(self.columns)
        return [sum(column) for column in zip(*(v for _l, v in self.rows), strict=True)]


class AnswerTimes:
    """The centres' answer times of a period (the sheet "Svartider"): a row
    per centre, then the row of all centres ("I alt"), each a dict of
    forwarded, answered, the median and the 90th percentile in working and
    in calendar days, and the share answered within the deadline. Medians,
    percentiles and the share are None where nothing was answered."""

    KEYS = [
        "forwarded",
        "answered",
        "median_working_days",
        "p90_working_days",
        "median_days",
        "p90_days",
        "within_deadline",
    ]

    def __init__(self, title, sheet, corner, columns, notes=()):
        self.title = title
        self.sheet = sheet
        self.corner = corner
        self.columns = columns
        self.notes = list(notes)
        self.rows = []
        self.total = dict.fromkeys(self.KEYS)

    def add_row(self, label, values):
        self.rows.append((label, values))


class PointOutcomes:
    """The outcomes of the complaint points by centre (table 3.6.3): a row
    per centre, then the row of all centres, each a dict of the points, the
    points by outcome (KEYS; "undecided": no outcome yet, and the inquiries
    without registered points) and the share of justified complaints.

    The share of justified complaints is the points upheld or partly upheld
    (medhold, delvis medhold) of the points decided: upheld, partly upheld
    or not upheld (ikke medhold). Points not handled and points without an
    outcome are not in it; the share is None where no point was decided."""

    KEYS = [
        "points",
        "upheld",
        "partly_upheld",
        "not_upheld",
        "not_handled",
        "undecided",
    ]

    def __init__(self, period, key, title, sheet, corner, columns, notes=()):
        self.period = period
        self.key = key
        self.title = title
        self.sheet = sheet
        self.corner = corner
        # the labels of KEYS, then of the share
        self.columns = columns
        self.notes = list(notes)
        self.rows = []
        self.total = self.counts({})

    @classmethod
    def counts(cls, by_outcome):
        """The row's dict from {outcome (None: undecided): points}."""
        values = dict.fromkeys(cls.KEYS, 0)
        for outcome, count in by_outcome.items():
            values[outcome or "undecided"] += count
            values["points"] += count
        decided = values["upheld"] + values["partly_upheld"] + values["not_upheld"]
        values["decided"] = decided
        values["justified"] = values["upheld"] + values["partly_upheld"]
        values["share"] = values["justified"] / decided if decided else None
        return values

    def add_row(self, label, values):
        self.rows.append((label, values))

    def texts(self, values):
        """The row's cells as the PDF and the Word document write them."""
        return [str(values[key]) for key in self.KEYS] + [
            self.period.format_share(values["share"])
        ]


class ComparisonRow:
    """A figure of this period and of the previous one. kind: "count",
    "share" (a fraction; its change in percentage points) or "days"."""

    def __init__(self, label, this, last, kind="count"):
        self.label = label
        self.this = this
        self.last = last
        self.kind = kind

    @property
    def change(self):
        if self.this is None or self.last is None:
            return None
        return self.this - self.last


class Comparison:
    """This period's figures beside the previous period's ("I år / Sidste år
    / Ændring"): rows of ComparisonRow, added by the statistics model's
    ``_comparison_parts`` in their order."""

    def __init__(self, period, previous, title, sheet, corner, columns, notes=()):
        self.period = period
        self.previous = previous
        self.title = title
        self.sheet = sheet
        self.corner = corner
        self.columns = columns
        self.notes = list(notes)
        self.rows = []

    def add_row(self, label, this, last, kind="count"):
        self.rows.append(ComparisonRow(label, this, last, kind))

    def texts(self, row):
        """The row's three cells as the PDF and the Word document write
        them: the figures, then the change with its sign."""
        period = self.period
        return [
            period.format_figure(row.this, row.kind),
            period.format_figure(row.last, row.kind),
            period.format_change(row.change, row.kind),
        ]


class StatisticsPeriod:
    """The statistics of one period. Each part is computed on first use by
    the statistics model (``model._<part>(period)``) and kept: the counts,
    the centres that head the columns, the tables of §3, the key figures and
    the conclusion of §4.1, the centres' answer times."""

    def __init__(self, model, date_from, date_to):
        self.model = model
        self.env = model.env
        self.date_from = date_from
        self.date_to = date_to
        self.locale = babel_locale_parse(model.env.lang or REPORT_LANG)
        self.total_label = model.env._("Total")

    by_quarter = cached_property(lambda self: self.model._count_by_quarter(self))
    by_category = cached_property(lambda self: self.model._count_by_category(self))
    supervision = cached_property(lambda self: self.model._count_supervision(self))
    quarters = cached_property(lambda self: self.model._quarters(self))
    centres = cached_property(lambda self: self.model._centres(self))
    tables = cached_property(lambda self: self.model._tables(self))
    figures = cached_property(lambda self: self.model._figures(self))
    supervision_totals = cached_property(
        lambda self: self.model._supervision_totals(self)
    )
    conclusion = cached_property(lambda self: self.model._conclusion(self))
    answer_times = cached_property(lambda self: self.model._answer_times(self))
    # the complaint points (§3.6) and the comparison with the previous period
    by_point = cached_property(lambda self: self.model._count_points(self))
    by_resolution = cached_property(lambda self: self.model._count_by_resolution(self))
    point_centres = cached_property(lambda self: self.model._point_centres(self))
    points_title = cached_property(lambda self: self.model._points_title(self))
    points_intro = cached_property(lambda self: self.model._points_intro(self))
    point_tables = cached_property(lambda self: self.model._point_tables(self))
    point_outcomes = cached_property(lambda self: self.model._point_outcomes(self))
    previous = cached_property(lambda self: self.model._previous_period(self))
    comparison = cached_property(lambda self: self.model._comparison(self))

    @property
    def period(self):
        return self.format_period(self.date_from, self.date_to)

    def format_period(self, start, end):
        """The days from start to end as the locale writes them:
        "1. jan.–15. mar. 2021"."""
        return format_interval(start, end, "yMMMd", locale=self.locale)

    def format_long_date(self, date):
        return format_date(date, "long", locale=self.locale)

    def format_share(self, share):
        """A share as the locale writes it ("58 %"), "–" for none."""
        if share is None:
            return "–"
        return format_percent(share, locale=self.locale)

    def format_figure(self, value, kind):
        """A figure of the comparison: a count, a share or days ("7,5")."""
        if value is None:
            return "–"
        if kind == "share":
            return self.format_share(value)
        if kind == "days":
            return format_decimal(value, format="#,##0.#", locale=self.locale)
        return str(value)

    def format_change(self, change, kind):
        """A change with its sign: "+3", "-2", "0"; a share's in percentage
        points ("+5 pct.-point")."""
        if change is None:
            return "–"
        if kind == "share":
            change *= 100
        if kind in ("share", "days"):
            change = round(change, 1)
        if not change:
            text = "0"
        else:
            text = format_decimal(
                change, format="+#,##0.#;-#,##0.#", locale=self.locale
            )
        if kind == "share":
            return self.env._("%(change)s pp", change=text)
        return text

    def domain(self, field):
        return [(field, ">=", self.date_from), (field, "<=", self.date_to)]

    def centre_row(self, counts, centres=None):
        values = [counts.get(c, 0) for c, _code, _name in centres or self.centres]
        return [sum(values)] + values

    @property
    def centre_columns(self):
        return [self.total_label] + [code for _i, code, _n in self.centres]

    @property
    def centre_legend(self):
        return ", ".join(
            f"{code} = {name}" for centre, code, name in self.centres if centre
        )

    def category_counts(self, key):
        """{category id: {centre id: count}} of the handled inquiries, the
        category being key(category id, subcategory id)."""
        counts = {}
        for (category, subcategory, centre), count in self.by_category.items():
            by_centre = counts.setdefault(key(category, subcategory), {})
            by_centre[centre] = by_centre.get(centre, 0) + count
        return counts


class BorgerraadgiverStatistics(models.AbstractModel):
    """The tables 3.1-3.5, the key figures and the conclusion of §4.1 and the
    centres' answer times of a period.

    Three GROUP BY queries count everything: the inquiries by quarter,
    handling and centre (3.1, 3.2), the handled ones by category,
    subcategory and centre (3.3, 3.4, the key figures), and supervision by
    kind and centre (3.5). The centres' answer times (the sheet "Svartider")
    are a fourth query. Only the grouped rows reach Python. The analysis
    models check the user's access: who may not read them gets an
    AccessError."""

    _name = "borgerraadgiver.statistics"
    _description = "Advisor Statistics"

    @api.model
    def _for_period(self, date_from, date_to):
        """The statistics of the days from date_from to date_to, in the
        language of this model's environment."""
        return StatisticsPeriod(self, date_from, date_to)

    # ------------------------------------------------------------------
    # Counting: by the database
    # ------------------------------------------------------------------

    @api.model
    def _count_by_quarter(self, period):
        """{(quarter start, with handling, centre id): count}"""
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        return {
            (quarter, handling == "with", centre.id or None): count
            for quarter, handling, centre, count in Analysis._read_group(
                period.domain("received_date"),
                ["received_date:quarter", "handling", "centre_id"],
                ["__count"],
            )
        }

    @api.model
    def _count_by_category(self, period):
        """{(category id, subcategory id, centre id): count} of the inquiries
        handled by the advisor"""
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        return {
            (category.id or None, subcategory.id or None, centre.id or None): count
            for category, subcategory, centre, count in Analysis._read_group(
                period.domain("received_date") + [("with_handling", "=", True)],
                ["category_id", "subcategory_id", "centre_id"],
                ["__count"],
            )
        }

    @api.model
    def _count_supervision(self, period):
        """{(kind, centre id): (activities, hours, participants)}"""
        Supervision = self.env["borgerraadgiver.supervision.analysis"]
        return {
            (kind, centre.id or None): (count, hours or 0.0, participants or 0)
            for kind, centre, count, hours, participants in Supervision._read_group(
                period.domain("date"),
                ["kind", "centre_id"],
                ["__count", "hours:sum", "participants:sum"],
            )
        }

    # ------------------------------------------------------------------
    # Rows and columns
    # ------------------------------------------------------------------

    @api.model
    def _quarters(self, period):
        """(first day, label) of each quarter: "1. kvt. 20", or, when the
        period cuts the quarter, the days it covers."""
        quarters = []
        for start, end in period_quarters(period.date_from, period.date_to):
            first, last = max(start, period.date_from), min(end, period.date_to)
            if (first, last) == (start, end):
                label = format_date(start, "QQQ yy", locale=period.locale)
            else:
                label = period.format_period(first, last)
            quarters.append((start, label))
        return quarters

    @api.model
    def _centres(self, period):
        """The centres that head the columns, by sequence: the active ones
        and any other counted. (id, code, name); id None for inquiries with
        no centre."""
        counted = {c for _q, _h, c in period.by_quarter} | {
            c for _s, c in period.supervision
        }
        Centre = self.env["borgerraadgiver.centre"].with_context(active_test=False)
        centres = Centre.search(
            ["|", ("active", "=", True), ("id", "in", [c for c in counted if c])]
        )
        result = [(c.id, c.code, c.name) for c in centres]
        if None in {c for _q, _h, c in period.by_quarter}:
            _ = self.env._
            result.append((None, _("No centre"), _("Without a centre")))
        return result

    @api.model
    def _categories(self, counted, parent=False):
        """The categories under parent that are active or counted."""
        Category = self.env["borgerraadgiver.category"].with_context(active_test=False)
        return Category.search(
            [
                ("parent_id", "=", parent),
                "|",
                ("active", "=", True),
                ("id", "in", [c for c in counted if c]),
            ],
            order="sequence, code, id",
        )

    @api.model
    def _case_handling_category(self):
        """The category of the complaints about case handling (4), whose
        subcategories table 3.4 breaks down."""
        return (
            self.env["borgerraadgiver.category"]
            .with_context(active_test=False)
            .search(
                [("complaint_kind", "=", "case_handling"), ("parent_id", "=", False)],
                order="active desc, sequence, id",
                limit=1,
            )
        )

    # ------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------

    @api.model
    def _tables(self, period):
        """The tables of §3, in the report's order: extend to add one."""
        return [
            self._table_3_1(period),
            self._table_3_2(period),
            self._table_3_3(period),
            self._table_3_4(period),
            self._table_3_5(period),
        ]

    @api.model
    def _table_3_1(self, period):
        _ = self.env._
        misdirected_note = _(
            "*1 – Misdirected inquiries / inquiries sent on to the relevant "
            "centre without further handling by the citizens' advisor, e.g. "
            "applications for dental treatment, requests to move, sign-ups for "
            "places etc."
        )
        table = Table(
            "3.1",
            _("Inquiries in total"),
            _("3.1 Inquiries in total"),
            _("Quarter"),
            [
                _("Number of inquiries"),
                _("Inquiries without handling by the citizens' advisor *1"),
                _("Inquiries handled by the citizens' advisor"),
            ],
            notes=[misdirected_note],
            chart={"type": "column", "subtype": "stacked", "columns": [1, 2]},
        )
        for quarter, label in period.quarters:
            without = with_ = 0
            for (start, handled, _centre), count in period.by_quarter.items():
                if start == quarter:
                    if handled:
                        with_ += count
                    else:
                        without += count
            table.add_row(label, [without + with_, without, with_])
        return table

    @api.model
    def _table_3_2(self, period):
        _ = self.env._
        table = Table(
            "3.2",
            _("Inquiries handled by the citizens' advisor by centre"),
            _("3.2 By centre"),
            _("Quarter"),
            period.centre_columns,
            notes=[period.centre_legend],
            chart={
                "type": "column",
                "subtype": "stacked",
                "columns": list(range(1, len(period.centre_columns))),
            },
        )
        for quarter, label in period.quarters:
            counts = {
                centre: count
                for (start, handled, centre), count in period.by_quarter.items()
                if start == quarter and handled
            }
            table.add_row(label, period.centre_row(counts))
        return table

    @api.model
    def _table_3_3(self, period):
        _ = self.env._
        table = Table(
            "3.3",
            _("Inquiries by category"),
            _("3.3 Categories"),
            _("Category"),
            period.centre_columns,
            notes=[period.centre_legend],
            chart={"type": "bar", "columns": [0]},
        )
        counts = period.category_counts(lambda category, _sub: category)
        for category in self._categories(counts):
            table.add_row(
                f"{category.code} {category.name}",
                period.centre_row(counts.get(category.id, {})),
            )
        if None in counts:
            table.add_row(_("Without a category"), period.centre_row(counts[None]))
        return table

    @api.model
    def _table_3_4(self, period):
        _ = self.env._
        complaint = self._case_handling_category()
        table = Table(
            "3.4",
            _("Breakdown of category no. 4 (complaints about case handling)"),
            _("3.4 Complaints about handling"),
            _("Subcategory"),
            period.centre_columns,
            notes=[period.centre_legend],
            chart={"type": "bar", "columns": [0]},
        )
        counts = period.category_counts(
            lambda category, sub: sub if category == complaint.id else False
        )
        counts.pop(False, None)
        for subcategory in self._categories(counts, parent=complaint.id):
            table.add_row(
                f"{subcategory.code} {subcategory.name}",
                period.centre_row(counts.pop(subcategory.id, {})),
            )
        # complaints with no subcategory, or one that is not under category 4
        missing = {}
        for by_centre in counts.values():
            for centre, count in by_centre.items():
                missing[centre] = missing.get(centre, 0) + count
        if missing:
            table.add_row(_("Without a subcategory"), period.centre_row(missing))
        return table

    @api.model
    def _table_3_5(self, period):
        _ = self.env._
        kinds = self.env["borgerraadgiver.supervision.analysis"]._fields["kind"]
        kind_labels = dict(kinds._description_selection(self.env))
        centres = [c for c in period.centres if c[0]]
        all_centres = _("All")
        legend = ", ".join(
            [f"{code} = {name}" for _i, code, name in centres]
            + [_("%(all)s = activities for all centres", all=all_centres)]
        )
        hours = sum(h for _n, h, _p in period.supervision.values())
        participants = sum(p for _n, _h, p in period.supervision.values())
        table = Table(
            "3.5",
            _("Internal supervision, teaching etc."),
            _("3.5 Supervision and teaching"),
            _("Activity"),
            [period.total_label] + [code for _i, code, _n in centres] + [all_centres],
            notes=[
                legend,
                _(
                    "The activities lasted %(hours)s hours in total with "
                    "%(participants)s participants.",
                    hours=format_hours(hours, period.locale),
                    participants=participants,
                ),
            ],
            chart={"type": "bar", "columns": [0]},
        )
        for kind, label in kind_labels.items():
            counts = {
                centre: n
                for (k, centre), (n, _h, _p) in period.supervision.items()
                if k == kind
            }
            table.add_row(
                label, period.centre_row(counts, centres + [(None, None, None)])
            )
        return table

    @api.model
    def _answer_times(self, period):
        """The centres' answer times of the period, by one query: computed on
        first use (by the workbook), not with the tables of §3.

        An inquiry belongs to the period of the day it was forwarded to the
        centre (``forwarded_date``), whenever it was received or answered.
        Counted are the inquiries of the analysis view (not cancelled)
        forwarded in the period; the times and the share count those of them
        the centre has answered. PostgreSQL computes the median and the 90th
        percentile with ``percentile_cont``, which interpolates linearly
        between the two nearest answer times (the median of 2, 4, 7 and 9
        days is 5.5), and the share answered within the deadline as the
        average of ``centre_answer_date <= centre_deadline``. The answer
        times are those stored on the inquiries: calendar days, and working
        days of the municipality's calendar from the day after the
        forwarding to the day of the answer.
        """
        _ = self.env._
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        query = Analysis._search(period.domain("forwarded_date"))
        table = query.table

        def column(name):
            return SQL.identifier(table, name)

        def percentile(fraction, name):
            return SQL(
                "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)",
                fraction,
                column(name),
            )

        query.groupby = SQL("ROLLUP (%s)", column("centre_id"))
        self.env.cr.execute(
            query.select(
                column("centre_id"),
                SQL("GROUPING(%s)", column("centre_id")),
                SQL("COUNT(*)"),
                SQL("COUNT(%s)", column("answer_days")),
                percentile(0.5, "answer_working_days"),
                percentile(0.9, "answer_working_days"),
                percentile(0.5, "answer_days"),
                percentile(0.9, "answer_days"),
                SQL("AVG(%s)", column("within_deadline")),
            )
        )
        by_centre = {}
        result = AnswerTimes(
            _("Answer times of the centres"),
            _("Answer times"),
            _("Centre"),
            [
                _("Forwarded"),
                _("Answered"),
                _("Median (working days)"),
                _("90th percentile (working days)"),
                _("Median (calendar days)"),
                _("90th percentile (calendar days)"),
                _("Share within the deadline"),
            ],
            notes=[
                _(
                    "An inquiry counts in the period in which it was forwarded "
                    "to the centre. The answer time runs from the day of the "
                    "forwarding to the day the centre's answer arrived; working "
                    "days do not count weekends and Danish public holidays."
                ),
                _(
                    "Median, 90th percentile and share within the deadline are "
                    "of the answered inquiries. The 90th percentile is the answer "
                    "time that 9 in 10 answers do not exceed, interpolated "
                    "between the nearest answer times."
                ),
            ],
        )
        for centre, total, *values in self.env.cr.fetchall():
            values = dict(zip(AnswerTimes.KEYS, values, strict=True))
            if total:
                result.total = values
            else:
                by_centre[centre] = values
        empty = dict(dict.fromkeys(AnswerTimes.KEYS), forwarded=0, answered=0)
        listed = set()
        for centre, code, name in period.centres:
            if centre:
                listed.add(centre)
                result.add_row(f"{name} ({code})", by_centre.get(centre, empty))
        others = [c for c in by_centre if c not in listed]
        Centre = self.env["borgerraadgiver.centre"].with_context(active_test=False)
        for centre in Centre.browse([c for c in others if c]):
            result.add_row(f"{centre.name} ({centre.code})", by_centre[centre.id])
        if None in by_centre:
            result.add_row(_("Without a centre"), by_centre[None])
        if result.total["forwarded"] is None:
            result.total.update(empty)
        return result

    # ------------------------------------------------------------------
    # §4.1: the key figures and the conclusion
    # ------------------------------------------------------------------

    @api.model
    def _figures(self, period):
        """The key figures, from the counts alone (no table is built)."""
        handled = sum(n for (_q, with_, _c), n in period.by_quarter.items() if with_)
        total = sum(period.by_quarter.values())
        complaint = self._case_handling_category().id
        time = set(
            self.env["borgerraadgiver.category"]
            .with_context(active_test=False)
            .search([("is_handling_time", "=", True)])
            .ids
        )
        complaints = time_count = 0
        for (category, subcategory, _centre), count in period.by_category.items():
            if complaint and category == complaint:
                complaints += count
                time_count += count if subcategory in time else 0
        return {
            "inquiries": total,
            "without_handling": total - handled,
            "with_handling": handled,
            "complaints": complaints,
            "handling_time": time_count,
            "handling_time_share": time_count / handled if handled else 0.0,
        }

    @api.model
    def _supervision_totals(self, period):
        values = period.supervision.values()
        return {
            "activities": sum(n for n, _h, _p in values),
            "hours": sum(h for _n, h, _p in values),
            "participants": sum(p for _n, _h, p in values),
        }

    @api.model
    def _conclusion(self, period):
        """The paragraphs of the conclusion, written from the key figures.
        Every sentence is one message to translate, with its numbers in it:
        which of them fits the figures is chosen here, never put together
        from translated parts."""
        figures = period.figures
        words = {
            "date_from": period.format_long_date(period.date_from),
            "date_to": period.format_long_date(period.date_to),
            "total": figures["inquiries"],
            "handled": figures["with_handling"],
            "complaints": figures["complaints"],
            "time": figures["handling_time"],
        }
        paragraphs = [self._sentence_received(words)]
        if words["handled"]:
            paragraphs.append(
                self._sentence_complaints(words)
                + (
                    " " + self._sentence_handling_time(words)
                    if words["complaints"]
                    else ""
                )
            )
        return paragraphs

    def _sentence_received(self, words):
        _ = self.env._
        total, handled = words["total"], words["handled"]
        if not total:
            return _(
                "In the period %(date_from)s to %(date_to)s the citizens' advisor "
                "received no inquiries.",
                **words,
            )
        if total == 1:
            if handled:
                return _(
                    "In the period %(date_from)s to %(date_to)s the citizens' "
                    "advisor received 1 inquiry, which was actually handled by the "
                    "citizens' advisor.",
                    **words,
                )
            return _(
                "In the period %(date_from)s to %(date_to)s the citizens' advisor "
                "received 1 inquiry, which was not actually handled by the "
                "citizens' advisor.",
                **words,
            )
        if handled == total:
            return _(
                "In the period %(date_from)s to %(date_to)s the citizens' advisor "
                "received %(total)s inquiries in total, all of which were actually "
                "handled by the citizens' advisor.",
                **words,
            )
        if handled == 1:
            return _(
                "In the period %(date_from)s to %(date_to)s the citizens' advisor "
                "received %(total)s inquiries in total, of which 1 was actually "
                "handled by the citizens' advisor.",
                **words,
            )
        if handled:
            return _(
                "In the period %(date_from)s to %(date_to)s the citizens' advisor "
                "received %(total)s inquiries in total, of which %(handled)s were "
                "actually handled by the citizens' advisor.",
                **words,
            )
        return _(
            "In the period %(date_from)s to %(date_to)s the citizens' advisor "
            "received %(total)s inquiries in total, none of which were actually "
            "handled by the citizens' advisor.",
            **words,
        )

    def _sentence_complaints(self, words):
        _ = self.env._
        handled, complaints = words["handled"], words["complaints"]
        if handled == 1:
            if complaints:
                return _(
                    "The inquiry handled is registered in the category “complaint "
                    "about case handling”."
                )
            return _(
                "The inquiry handled is not registered in the category “complaint "
                "about case handling”."
            )
        if not complaints:
            return _(
                "None of the %(handled)s inquiries is registered in the category "
                "“complaint about case handling”.",
                **words,
            )
        if complaints == 1:
            return _(
                "Of the %(handled)s inquiries, 1 is registered in the category "
                "“complaint about case handling”.",
                **words,
            )
        return _(
            "Of the %(handled)s inquiries, %(complaints)s are registered in the "
            "category “complaint about case handling”.",
            **words,
        )

    def _sentence_handling_time(self, words):
        """The complaints about the case-handling time, and which share of
        the cases handled they are: every case, most, every n-th, just under
        or just over every n-th."""
        _ = self.env._
        handled, complaints, time = words["handled"], words["complaints"], words["time"]
        if not time:
            if complaints == 1:
                return _("It did not concern the case-handling time.")
            return _("None of them concerned the case-handling time.")
        nth = round(handled / time)
        words = dict(words, nth=nth)
        if complaints == 1:
            if handled == 1:
                return _(
                    "It concerned the case-handling time (i.e. every case handled "
                    "by the citizens' advisor concerns the case-handling time)."
                )
            return _(
                "It concerned the case-handling time (i.e. every %(nth)s. case "
                "handled by the citizens' advisor concerns the case-handling "
                "time).",
                **words,
            )
        if time == 1:
            return _(
                "Of these, 1 concerned the case-handling time (i.e. every "
                "%(nth)s. case handled by the citizens' advisor concerns the "
                "case-handling time).",
                **words,
            )
        if time == handled:
            return _(
                "Of these, %(time)s concerned the case-handling time (i.e. every "
                "case handled by the citizens' advisor concerns the case-handling "
                "time).",
                **words,
            )
        if nth < 2:
            return _(
                "Of these, %(time)s concerned the case-handling time (i.e. most "
                "cases handled by the citizens' advisor concern the case-handling "
                "time).",
                **words,
            )
        if time * nth == handled:
            return _(
                "Of these, %(time)s concerned the case-handling time (i.e. every "
                "%(nth)s. case handled by the citizens' advisor concerns the "
                "case-handling time).",
                **words,
            )
        if time * nth < handled:
            return _(
                "Of these, %(time)s concerned the case-handling time (i.e. just "
                "under every %(nth)s. case handled by the citizens' advisor "
                "concerns the case-handling time).",
                **words,
            )
        return _(
            "Of these, %(time)s concerned the case-handling time (i.e. just over "
            "every %(nth)s. case handled by the citizens' advisor concerns the "
            "case-handling time).",
            **words,
        )

    # ------------------------------------------------------------------
    # §3.6: the complaint points (issue 18). How points count: the
    # docstring of models/borgerraadgiver_inquiry_point.py
    # ------------------------------------------------------------------

    @api.model
    def _count_points(self, period):
        """{(category id, subcategory id, centre id, outcome, criticism id):
        count} of the complaint points of the inquiries handled by the
        advisor, by one GROUP BY on the analysis view (no inquiry read)."""
        Analysis = self.env["borgerraadgiver.inquiry.point.analysis"]
        return {
            (
                category.id or None,
                subcategory.id or None,
                centre.id or None,
                outcome or None,
                criticism.id or None,
            ): count
            for category, subcategory, centre, outcome, criticism, count in (
                Analysis._read_group(
                    period.domain("received_date"),
                    [
                        "category_id",
                        "subcategory_id",
                        "centre_id",
                        "outcome",
                        "criticism_id",
                    ],
                    ["__count"],
                )
            )
        }

    @api.model
    def _point_centres(self, period):
        """The centres that head the columns of the point tables: those of
        the tables 3.2-3.4, and any other a point is counted under (an
        archived centre, no centre)."""
        centres = list(period.centres)
        known = {centre for centre, _code, _name in centres}
        counted = {centre for (_c, _s, centre, _o, _g) in period.by_point}
        others = [centre for centre in counted if centre and centre not in known]
        if others:
            Centre = self.env["borgerraadgiver.centre"].with_context(active_test=False)
            added = [
                (c.id, c.code, c.name) for c in Centre.search([("id", "in", others)])
            ]
            at = len(centres) - (1 if None in known else 0)
            centres[at:at] = added
        if None in counted and None not in known:
            _ = self.env._
            centres.append((None, _("No centre"), _("Without a centre")))
        return centres

    def _point_counts(self, period, key):
        """{key(category, subcategory, outcome, criticism): {centre: count}}
        of the complaint points."""
        counts = {}
        for (category, sub, centre, outcome, grade), count in period.by_point.items():
            by_centre = counts.setdefault(key(category, sub, outcome, grade), {})
            by_centre[centre] = by_centre.get(centre, 0) + count
        return counts

    @api.model
    def _points_title(self, period):
        """The heading of the section of the complaint points."""
        title = self.env._("Complaint points")
        return f"{POINTS_SECTION} {title}"

    @api.model
    def _points_intro(self, period):
        """How the section counts, said once under its heading."""
        return self.env._(
            "An inquiry counts with each of its complaint points; an inquiry "
            "without registered points counts as one point under its own "
            "category and centre. Tables 3.1-3.4 count every inquiry once."
        )

    def _point_table(self, period, number, title, sheet, corner):
        centres = period.point_centres
        return Table(
            f"{POINTS_SECTION}.{number}",
            title,
            f"{POINTS_SECTION}.{number} {sheet}",
            corner,
            [period.total_label] + [code for _i, code, _n in centres],
            notes=[
                ", ".join(
                    f"{code} = {name}" for centre, code, name in centres if centre
                )
            ],
            chart={"type": "bar", "columns": [0]},
        )

    @api.model
    def _point_tables(self, period):
        """The tables of complaint points by category, by subcategory of the
        complaints about case handling and by criticism grade (3.6.1, 3.6.2,
        3.6.4): Tables like those of §3, counting points. The outcomes by
        centre (3.6.3) are ``period.point_outcomes``."""
        return [
            self._table_points_by_category(period),
            self._table_points_by_subcategory(period),
            self._table_points_by_criticism(period),
        ]

    @api.model
    def _table_points_by_category(self, period):
        _ = self.env._
        table = self._point_table(
            period,
            1,
            _("Complaint points by category"),
            _("Points by category"),
            _("Category"),
        )
        table.notes.insert(0, period.points_intro)
        counts = self._point_counts(period, lambda category, *_rest: category)
        for category in self._categories(counts):
            table.add_row(
                f"{category.code} {category.name}",
                period.centre_row(counts.get(category.id, {}), period.point_centres),
            )
        if None in counts:
            table.add_row(
                _("Without a category"),
                period.centre_row(counts[None], period.point_centres),
            )
        return table

    @api.model
    def _table_points_by_subcategory(self, period):
        _ = self.env._
        complaint = self._case_handling_category()
        table = self._point_table(
            period,
            2,
            _("Complaint points about case handling by subcategory"),
            _("Points about handling"),
            _("Subcategory"),
        )
        counts = self._point_counts(
            period,
            lambda category, sub, *_rest: sub if category == complaint.id else False,
        )
        counts.pop(False, None)
        for subcategory in self._categories(counts, parent=complaint.id):
            table.add_row(
                f"{subcategory.code} {subcategory.name}",
                period.centre_row(counts.pop(subcategory.id, {}), period.point_centres),
            )
        missing = {}
        for by_centre in counts.values():
            for centre, count in by_centre.items():
                missing[centre] = missing.get(centre, 0) + count
        if missing:
            table.add_row(
                _("Without a subcategory"),
                period.centre_row(missing, period.point_centres),
            )
        return table

    @api.model
    def _table_points_by_criticism(self, period):
        _ = self.env._
        table = self._point_table(
            period,
            4,
            _("Complaint points by criticism"),
            _("Points by criticism"),
            _("Criticism"),
        )
        counts = self._point_counts(period, lambda _c, _s, _o, grade: grade)
        Criticism = self.env["borgerraadgiver.criticism"].with_context(
            active_test=False
        )
        grades = Criticism.search(
            [
                "|",
                ("active", "=", True),
                ("id", "in", [grade for grade in counts if grade]),
            ]
        )
        for grade in grades:
            table.add_row(
                grade.name,
                period.centre_row(counts.get(grade.id, {}), period.point_centres),
            )
        table.add_row(
            _("Without a grade"),
            period.centre_row(counts.get(None, {}), period.point_centres),
        )
        return table

    @api.model
    def _point_outcomes(self, period):
        """Table 3.6.3: the outcomes of the complaint points by centre and
        the share of justified complaints (PointOutcomes)."""
        _ = self.env._
        outcomes = dict(
            self.env["borgerraadgiver.inquiry.point.analysis"]
            ._fields["outcome"]
            ._description_selection(self.env)
        )
        sheet = _("Outcomes by centre")
        result = PointOutcomes(
            period,
            f"{POINTS_SECTION}.3",
            _("Outcomes of the complaint points by centre"),
            f"{POINTS_SECTION}.3 {sheet}",
            _("Centre"),
            [_("Complaint points")]
            + [outcomes[key] for key in PointOutcomes.KEYS[1:-1]]
            + [_("No outcome yet"), _("Share justified")],
            notes=[
                _(
                    "Share justified: the points upheld or partly upheld of the "
                    "points upheld, partly upheld or not upheld. Points not "
                    "handled and points without an outcome (among them the "
                    "inquiries without registered points) are not in it."
                ),
            ],
        )
        by_centre = self._point_counts(period, lambda _c, _s, outcome, _g: outcome)
        centre_outcomes = {}
        total = {}
        for outcome, counts in by_centre.items():
            for centre, count in counts.items():
                centre_outcomes.setdefault(centre, {})[outcome] = count
                total[outcome] = total.get(outcome, 0) + count
        for centre, code, name in period.point_centres:
            label = f"{name} ({code})" if centre else name
            result.add_row(label, PointOutcomes.counts(centre_outcomes.get(centre, {})))
        result.total = PointOutcomes.counts(total)
        return result

    # ------------------------------------------------------------------
    # The comparison with the previous period (issue 18, item 6)
    # ------------------------------------------------------------------

    @api.model
    def _previous_period(self, period):
        """The period to compare with: the same days one year earlier (the
        yearly report: last year). A period longer than a year would overlap
        that: it is compared with the period of the same length that ends
        the day before it starts."""
        start = period.date_from - relativedelta(years=1)
        end = period.date_to - relativedelta(years=1)
        if end >= period.date_from:
            length = relativedelta(
                period.date_to + relativedelta(days=1), period.date_from
            )
            start = period.date_from - length
            end = period.date_from - relativedelta(days=1)
        return StatisticsPeriod(self, start, end)

    @api.model
    def _count_by_resolution(self, period):
        """{path: count} of the inquiries of the period, the path being the
        resolution (§1.3); an inquiry at the centre is on path 3
        (forwarded) before it is closed; None: not resolved yet."""
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        counts = {}
        for resolution, state, count in Analysis._read_group(
            period.domain("received_date"), ["resolution", "state"], ["__count"]
        ):
            path = resolution or ("forwarded" if state == "forwarded" else None)
            counts[path] = counts.get(path, 0) + count
        return counts

    @api.model
    def _comparison(self, period):
        """This period's figures beside the previous period's (Comparison),
        by the parts of ``_comparison_parts`` in their order."""
        _ = self.env._
        previous = period.previous
        comparison = Comparison(
            period,
            previous,
            _("Compared with last year"),
            _("Compared with last year"),
            _("Figure"),
            [_("This year"), _("Last year"), _("Change")],
            notes=[
                _(
                    "This year: %(this)s. Last year: %(last)s.",
                    this=period.period,
                    last=previous.period,
                ),
                _(
                    "The change of a share is in percentage points (pp). Answer "
                    "times and the share within the deadline are those of the "
                    "inquiries forwarded in each period (the sheet “Answer times”)."
                ),
            ],
        )
        for add_rows in self._comparison_parts():
            add_rows(comparison, period, previous)
        return comparison

    @api.model
    def _comparison_parts(self):
        """The methods that add the comparison's rows, in order; each is
        called with (comparison, period, previous). Extend to add rows."""
        return [
            self._compare_inquiries,
            self._compare_centres,
            self._compare_resolutions,
            self._compare_answer_times,
            self._compare_points,
            self._compare_recommendations,
        ]

    @api.model
    def _compare_inquiries(self, comparison, period, previous):
        _ = self.env._
        this, last = period.figures, previous.figures

        def complaint_share(figures):
            handled = figures["with_handling"]
            return figures["complaints"] / handled if handled else None

        def time_share(figures):
            return figures["handling_time_share"] if figures["with_handling"] else None

        comparison.add_row(
            _("Inquiries in total"), this["inquiries"], last["inquiries"]
        )
        comparison.add_row(
            _("Inquiries without handling by the citizens' advisor"),
            this["without_handling"],
            last["without_handling"],
        )
        comparison.add_row(
            _("Inquiries handled by the citizens' advisor"),
            this["with_handling"],
            last["with_handling"],
        )
        comparison.add_row(
            _("Complaints about case handling"), this["complaints"], last["complaints"]
        )
        comparison.add_row(
            _("Share of the handled inquiries that are complaints about case handling"),
            complaint_share(this),
            complaint_share(last),
            "share",
        )
        comparison.add_row(
            _("Share of the handled inquiries about case-handling time"),
            time_share(this),
            time_share(last),
            "share",
        )

    @api.model
    def _compare_centres(self, comparison, period, previous):
        """The handled inquiries of each centre counted in either period."""
        _ = self.env._

        def handled(statistics):
            counts = {}
            for (_q, with_, centre), count in statistics.by_quarter.items():
                if with_:
                    counts[centre] = counts.get(centre, 0) + count
            return counts

        this, last = handled(period), handled(previous)
        Centre = self.env["borgerraadgiver.centre"].with_context(active_test=False)
        centres = Centre.search(
            [
                "|",
                ("active", "=", True),
                ("id", "in", [c for c in {*this, *last} if c]),
            ]
        )
        ordered = [(c.id, c.code, c.name) for c in centres]
        if None in this or None in last:
            ordered.append((None, None, _("Without a centre")))
        for centre, code, name in ordered:
            label = f"{name} ({code})" if centre else name
            comparison.add_row(
                _("Handled by the citizens' advisor: %(centre)s", centre=label),
                this.get(centre, 0),
                last.get(centre, 0),
            )

    @api.model
    def _compare_resolutions(self, comparison, period, previous):
        """The inquiries of each path of §1.3 (resolution); those not
        resolved yet last."""
        _ = self.env._
        labels = dict(
            self.env["borgerraadgiver.inquiry.analysis"]
            ._fields["resolution"]
            ._description_selection(self.env)
        )
        this, last = period.by_resolution, previous.by_resolution
        for resolution, label in labels.items():
            comparison.add_row(
                _("Resolution: %(resolution)s", resolution=label),
                this.get(resolution, 0),
                last.get(resolution, 0),
            )
        comparison.add_row(_("Not resolved yet"), this.get(None, 0), last.get(None, 0))

    @api.model
    def _compare_answer_times(self, comparison, period, previous):
        _ = self.env._
        this, last = period.answer_times.total, previous.answer_times.total
        comparison.add_row(
            _("Forwarded to a centre"), this["forwarded"], last["forwarded"]
        )
        comparison.add_row(
            _("Median answer time of the centres (working days)"),
            this["median_working_days"],
            last["median_working_days"],
            "days",
        )
        comparison.add_row(
            _("Median answer time of the centres (calendar days)"),
            this["median_days"],
            last["median_days"],
            "days",
        )
        comparison.add_row(
            _("Share answered within the deadline"),
            this["within_deadline"],
            last["within_deadline"],
            "share",
        )

    @api.model
    def _compare_recommendations(self, comparison, period, previous):
        """The recommendations sent in each period, those followed fully or
        partly (by their status today), and the share followed of those
        answered (§4.2: "as last year's report …")."""
        _ = self.env._
        Recommendation = self.env["borgerraadgiver.recommendation"]

        def figures(statistics):
            counts = Recommendation._counts_by_state(
                statistics.date_from, statistics.date_to
            )
            followed = counts["followed"] + counts["partly_followed"]
            answered = followed + counts["not_followed"]
            return counts["total"], followed, followed / answered if answered else None

        this, last = figures(period), figures(previous)
        for label, index, kind in (
            (_("Recommendations sent"), 0, "count"),
            (_("Recommendations followed fully or partly"), 1, "count"),
            (_("Share of the answered recommendations followed"), 2, "share"),
        ):
            comparison.add_row(label, this[index], last[index], kind)

    @api.model
    def _compare_points(self, comparison, period, previous):
        _ = self.env._
        this, last = period.point_outcomes.total, previous.point_outcomes.total
        comparison.add_row(_("Complaint points"), this["points"], last["points"])
        comparison.add_row(
            _("Complaint points decided"), this["decided"], last["decided"]
        )
        comparison.add_row(
            _("Share of justified complaints"), this["share"], last["share"], "share"
        )
