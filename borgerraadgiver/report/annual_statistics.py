"""The figures of the yearly report (§3 and §4.1 of the specification),
counted by PostgreSQL through the analysis views, with the labels and the
conclusion written from them.

The report is the municipality's Danish document: it is built in an
environment whose language is Danish (:data:`REPORT_LANG`); the labels are
English msgids translated by ``i18n/da.po``, dates and quarters are written
by babel in the report's locale.
"""

import datetime as dt
from functools import cached_property

from babel.dates import format_date, format_interval
from dateutil.relativedelta import relativedelta

from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse

# The language of the report's contents, whatever the user's language
REPORT_LANG = "da_DK"


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


class AnnualStatistics:
    """The tables 3.1-3.5 and the key figures of §4.1 of a period.

    Three GROUP BY queries count everything: the inquiries by quarter,
    handling and centre (3.1, 3.2), the handled ones by category,
    subcategory and centre (3.3, 3.4), and supervision by kind and centre
    (3.5). The centres' answer times (the sheet "Svartider") are a fourth
    query, run when the workbook asks for them. Only the grouped rows reach
    Python. The analysis models check the
    user's access: who may not read them gets an AccessError.
    """

    def __init__(self, env, date_from, date_to):
        self.env = env
        self._ = env._
        self.date_from = date_from
        self.date_to = date_to
        self.locale = babel_locale_parse(env.lang or REPORT_LANG)
        self.total_label = self._("Total")
        self.quarters = [
            (start, self.quarter_label(start, end))
            for start, end in period_quarters(date_from, date_to)
        ]
        self._count()
        self.centres = self._centres()
        self.tables = [
            self.table_3_1(),
            self.table_3_2(),
            self.table_3_3(),
            self.table_3_4(),
            self.table_3_5(),
        ]
        self.figures = self._figures()
        self.conclusion = self._conclusion()

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------

    def format_period(self, start, end):
        """The days from start to end as the locale writes them:
        "1. jan.–15. mar. 2021"."""
        return format_interval(start, end, "yMMMd", locale=self.locale)

    def format_long_date(self, date):
        return format_date(date, "long", locale=self.locale)

    def quarter_label(self, start, end):
        """ "1. kvt. 20", or, when the period cuts the quarter, the days it
        covers."""
        first, last = max(start, self.date_from), min(end, self.date_to)
        if (first, last) == (start, end):
            return format_date(start, "QQQ yy", locale=self.locale)
        return self.format_period(first, last)

    @property
    def period(self):
        return self.format_period(self.date_from, self.date_to)

    # ------------------------------------------------------------------
    # Counting: by the database
    # ------------------------------------------------------------------

    def _domain(self, field):
        return [(field, ">=", self.date_from), (field, "<=", self.date_to)]

    def _count(self):
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        Supervision = self.env["borgerraadgiver.supervision.analysis"]
        domain = self._domain("received_date")
        # {(quarter start, with handling, centre id): count}
        self._by_quarter = {
            (quarter, handling == "with", centre.id or None): count
            for quarter, handling, centre, count in Analysis._read_group(
                domain,
                ["received_date:quarter", "handling", "centre_id"],
                ["__count"],
            )
        }
        # {(category id, subcategory id, centre id): count}
        self._by_category = {
            (category.id or None, subcategory.id or None, centre.id or None): count
            for category, subcategory, centre, count in Analysis._read_group(
                domain + [("with_handling", "=", True)],
                ["category_id", "subcategory_id", "centre_id"],
                ["__count"],
            )
        }
        # {(kind, centre id): (activities, hours, participants)}
        self._supervision = {
            (kind, centre.id or None): (count, hours or 0.0, participants or 0)
            for kind, centre, count, hours, participants in Supervision._read_group(
                self._domain("date"),
                ["kind", "centre_id"],
                ["__count", "hours:sum", "participants:sum"],
            )
        }

    def _centres(self):
        """The centres that head the columns, by sequence: the active ones
        and any other counted. (id, code, name); id None for inquiries with
        no centre."""
        counted = {c for _q, _h, c in self._by_quarter} | {
            c for _s, c in self._supervision
        }
        Centre = self.env["borgerraadgiver.centre"].with_context(active_test=False)
        centres = Centre.search(
            ["|", ("active", "=", True), ("id", "in", [c for c in counted if c])]
        )
        result = [(c.id, c.code, c.name) for c in centres]
        if None in {c for _q, _h, c in self._by_quarter}:
            result.append((None, self._("No centre"), self._("Without a centre")))
        return result

    def _centre_row(self, counts, centres=None):
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

    # ------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------

    def table_3_1(self):
        _ = self._
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
        for quarter, label in self.quarters:
            without = with_ = 0
            for (start, handled, _centre), count in self._by_quarter.items():
                if start == quarter:
                    if handled:
                        with_ += count
                    else:
                        without += count
            table.add_row(label, [without + with_, without, with_])
        return table

    def table_3_2(self):
        _ = self._
        table = Table(
            "3.2",
            _("Inquiries handled by the citizens' advisor by centre"),
            _("3.2 By centre"),
            _("Quarter"),
            self.centre_columns,
            notes=[self.centre_legend],
            chart={
                "type": "column",
                "subtype": "stacked",
                "columns": list(range(1, len(self.centre_columns))),
            },
        )
        for quarter, label in self.quarters:
            counts = {
                centre: count
                for (start, handled, centre), count in self._by_quarter.items()
                if start == quarter and handled
            }
            table.add_row(label, self._centre_row(counts))
        return table

    def _category_counts(self, key):
        """{category id: {centre id: count}} of the handled inquiries, the
        category being key(category id, subcategory id)."""
        counts = {}
        for (category, subcategory, centre), count in self._by_category.items():
            by_centre = counts.setdefault(key(category, subcategory), {})
            by_centre[centre] = by_centre.get(centre, 0) + count
        return counts

    def table_3_3(self):
        _ = self._
        table = Table(
            "3.3",
            _("Inquiries by category"),
            _("3.3 Categories"),
            _("Category"),
            self.centre_columns,
            notes=[self.centre_legend],
            chart={"type": "bar", "columns": [0]},
        )
        counts = self._category_counts(lambda category, _sub: category)
        for category in self._categories(counts):
            table.add_row(
                f"{category.code} {category.name}",
                self._centre_row(counts.get(category.id, {})),
            )
        if None in counts:
            table.add_row(_("Without a category"), self._centre_row(counts[None]))
        return table

    def table_3_4(self):
        _ = self._
        complaint = self.env.ref("borgerraadgiver.category_4")
        table = Table(
            "3.4",
            _("Breakdown of category no. 4 (complaints about case handling)"),
            _("3.4 Complaints about handling"),
            _("Subcategory"),
            self.centre_columns,
            notes=[self.centre_legend],
            chart={"type": "bar", "columns": [0]},
        )
        counts = self._category_counts(
            lambda category, sub: sub if category == complaint.id else False
        )
        counts.pop(False, None)
        for subcategory in self._categories(counts, parent=complaint.id):
            table.add_row(
                f"{subcategory.code} {subcategory.name}",
                self._centre_row(counts.pop(subcategory.id, {})),
            )
        # complaints with no subcategory, or one that is not under category 4
        missing = {}
        for by_centre in counts.values():
            for centre, count in by_centre.items():
                missing[centre] = missing.get(centre, 0) + count
        if missing:
            table.add_row(_("Without a subcategory"), self._centre_row(missing))
        return table

    def table_3_5(self):
        _ = self._
        kinds = self.env["borgerraadgiver.supervision.analysis"]._fields["kind"]
        kind_labels = dict(kinds._description_selection(self.env))
        centres = [c for c in self.centres if c[0]]
        all_centres = _("All")
        legend = ", ".join(
            [f"{code} = {name}" for _i, code, name in centres]
            + [_("%(all)s = activities for all centres", all=all_centres)]
        )
        hours = sum(h for _n, h, _p in self._supervision.values())
        participants = sum(p for _n, _h, p in self._supervision.values())
        table = Table(
            "3.5",
            _("Internal supervision, teaching etc."),
            _("3.5 Supervision and teaching"),
            _("Activity"),
            [self.total_label] + [code for _i, code, _n in centres] + [all_centres],
            notes=[
                legend,
                _(
                    "The activities lasted %(hours)s hours in total with "
                    "%(participants)s participants.",
                    hours=format_hours(hours, self.locale),
                    participants=participants,
                ),
            ],
            chart={"type": "bar", "columns": [0]},
        )
        for kind, label in kind_labels.items():
            counts = {
                centre: n
                for (k, centre), (n, _h, _p) in self._supervision.items()
                if k == kind
            }
            table.add_row(
                label, self._centre_row(counts, centres + [(None, None, None)])
            )
        self._supervision_totals = {
            "activities": sum(n for n, _h, _p in self._supervision.values()),
            "hours": hours,
            "participants": participants,
        }
        return table

    # ------------------------------------------------------------------
    # The centres' answer times (issue 10)
    # ------------------------------------------------------------------

    @cached_property
    def answer_times(self):
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
        _ = self._
        Analysis = self.env["borgerraadgiver.inquiry.analysis"]
        query = Analysis._search(self._domain("forwarded_date"))
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
        for centre, code, name in self.centres:
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
    # §4.1
    # ------------------------------------------------------------------

    def _figures(self):
        total, without, handled = self.tables[0].totals
        complaint = self.env.ref("borgerraadgiver.category_4").id
        time = self.env.ref("borgerraadgiver.category_4_1").id
        complaints = sum(
            n for (c, _s, _ce), n in self._by_category.items() if c == complaint
        )
        time_count = sum(
            n
            for (c, s, _ce), n in self._by_category.items()
            if c == complaint and s == time
        )
        return {
            "inquiries": total,
            "without_handling": without,
            "with_handling": handled,
            "complaints": complaints,
            "handling_time": time_count,
            "handling_time_share": time_count / handled if handled else 0.0,
            "supervisions": self._supervision_totals["activities"],
            "supervision_hours": self._supervision_totals["hours"],
        }

    def _conclusion(self):
        """The paragraphs of the conclusion written from the figures."""
        _ = self._
        figures = self.figures
        total = figures["inquiries"]
        handled = figures["with_handling"]
        complaints = figures["complaints"]
        time = figures["handling_time"]
        period = _(
            "%(date_from)s to %(date_to)s",
            date_from=self.format_long_date(self.date_from),
            date_to=self.format_long_date(self.date_to),
        )
        if not total:
            return [
                _(
                    "In the period %(period)s the citizens' advisor received "
                    "no inquiries.",
                    period=period,
                )
            ]
        if handled == total:
            text = _(
                "In the period %(period)s the citizens' advisor received "
                "%(inquiries)s in total, all of which were actually handled by "
                "the citizens' advisor.",
                period=period,
                inquiries=self.inquiries(total),
            )
        elif handled:
            text = _(
                "In the period %(period)s the citizens' advisor received "
                "%(inquiries)s in total, of which %(handled)s were actually "
                "handled by the citizens' advisor.",
                period=period,
                inquiries=self.inquiries(total),
                handled=handled,
            )
        else:
            text = _(
                "In the period %(period)s the citizens' advisor received "
                "%(inquiries)s in total, none of which were actually handled by "
                "the citizens' advisor.",
                period=period,
                inquiries=self.inquiries(total),
            )
        paragraphs = [text]
        if not handled:
            return paragraphs
        if not complaints:
            paragraphs.append(
                _(
                    "None of the %(handled)s is registered in the category "
                    "“complaint about case handling”.",
                    handled=self.inquiries(handled),
                )
            )
            return paragraphs
        text = _(
            "Of the %(handled)s, %(complaints)s are registered in the category "
            "“complaint about case handling”.",
            handled=self.inquiries(handled),
            complaints=self.inquiries(complaints),
        )
        if time:
            text += " " + _(
                "Of these, %(time)s concerned the case-handling time (i.e. "
                "%(share)s by the citizens' advisor concerns the case-handling "
                "time).",
                time=time,
                share=self.share(time, handled),
            )
        else:
            text += " " + _("None of them concerned the case-handling time.")
        paragraphs.append(text)
        return paragraphs

    def inquiries(self, count):
        if count == 1:
            return self._("1 inquiry")
        return self._("%(count)s inquiries", count=count)

    def share(self, part, whole):
        """In words, which share of the handled cases part of whole is."""
        _ = self._
        if part == whole:
            return _("every case handled")
        every = round(whole / part)
        if every < 2:
            return _("most cases handled")
        if part * every == whole:
            return _("every %(nth)s. case handled", nth=every)
        if part * every < whole:
            return _("just under every %(nth)s. case handled", nth=every)
        return _("just over every %(nth)s. case handled", nth=every)


def format_hours(hours, locale):
    """The hours as the locale writes them: 7,5; 12."""
    from babel.numbers import format_decimal

    return format_decimal(hours, format="#,##0.#", locale=locale)
