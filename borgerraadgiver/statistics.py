# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt

from dateutil.relativedelta import relativedelta
from sql import Cast, Column, Literal, Null
from sql.aggregate import Count, Min, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import Extract

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from .supervision import KINDS

# The labels of the report are Danish as the specification writes them
MONTHS = [
    'jan.', 'feb.', 'marts', 'april', 'maj', 'juni',
    'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.']


def quarter_of(date):
    return (date.month - 1) // 3 + 1


def quarter_dates(year, quarter):
    "Return the first and the last day of the quarter"
    start = dt.date(year, 3 * quarter - 2, 1)
    return start, start + relativedelta(months=3, days=-1)


def period_quarters(from_date, to_date):
    "Yield (year, quarter) of each calendar quarter the period touches"
    year, quarter = from_date.year, quarter_of(from_date)
    while quarter_dates(year, quarter)[0] <= to_date:
        yield year, quarter
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def format_date(date, year=True):
    text = f'{date.day}. {MONTHS[date.month - 1]}'
    if year:
        text += f' {date.year}'
    return text


def format_period(start, end):
    "Return the Danish label of the days from start to end"
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f'{start.day}.–{format_date(end)}'
    return '%s – %s' % (
        format_date(start, year=start.year != end.year), format_date(end))


def quarter_label(year, quarter, from_date=None, to_date=None):
    """Return the label of the quarter as the report writes it: "1. kvt. 20"
    or, when the period cuts the quarter, the days it covers"""
    start, end = quarter_dates(year, quarter)
    first = max(start, from_date) if from_date else start
    last = min(end, to_date) if to_date else end
    if (first, last) == (start, end):
        return f'{quarter}. kvt. {year % 100:02d}'
    return format_period(first, last)


class PeriodMixin:
    "A period of days, by default the current calendar year"
    __slots__ = ()

    from_date = fields.Date(
        "From Date",
        domain=[
            If(Eval('from_date') & Eval('to_date'),
                ('from_date', '<=', Eval('to_date')),
                ()),
            ],
        help="The first day the inquiries were received.")
    to_date = fields.Date(
        "To Date",
        domain=[
            If(Eval('from_date') & Eval('to_date'),
                ('to_date', '>=', Eval('from_date')),
                ()),
            ],
        help="The last day the inquiries were received.")

    @classmethod
    def default_from_date(cls):
        return Pool().get('ir.date').today().replace(month=1, day=1)

    @classmethod
    def default_to_date(cls):
        return Pool().get('ir.date').today().replace(month=12, day=31)


class StatisticsContext(PeriodMixin, ModelView):
    __name__ = 'borgerraadgiver.statistics.context'
    __string__ = "Statistics Period"


class StatisticsMixin:
    # Counts of the inquiries received in the period of the context, with
    # no personal data
    __slots__ = ()

    @classmethod
    def _inquiries(cls, handled=False):
        """Return the query of the inquiries that count, one row each with
        the year and quarter received

        With handled, only those the advisor handled (§3.2-3.4)."""
        pool = Pool()
        Inquiry = pool.get('borgerraadgiver.inquiry')
        inquiry = Inquiry.__table__()
        context = Transaction().context

        where = inquiry.state != 'cancelled'
        if handled:
            where &= Coalesce(inquiry.resolution, '') != 'misdirected'
        if context.get('from_date'):
            where &= inquiry.received_date >= context['from_date']
        if context.get('to_date'):
            where &= inquiry.received_date <= context['to_date']

        # The quarter is computed from the month because SQLite's EXTRACT of
        # Tryton does not compute QUARTER right.
        # It is done in a sub-query because GROUP BY can not repeat an
        # expression with parameters.
        month = Extract('MONTH', inquiry.received_date)
        return inquiry.select(
            inquiry.id,
            Cast(Extract('YEAR', inquiry.received_date), 'INTEGER').as_(
                'year'),
            Case(
                (month <= 3, 1), (month <= 6, 2), (month <= 9, 3),
                else_=4).as_('quarter'),
            inquiry.centre,
            inquiry.category,
            inquiry.subcategory,
            Case(
                (inquiry.resolution == 'misdirected', 1),
                else_=0).as_('misdirected'),
            where=where)

    @classmethod
    def _count_handled(cls, *names, required=None):
        """Return the query counting the handled inquiries grouped by the
        columns named, leaving out those without the required column"""
        inquiry = cls._inquiries(handled=True)
        columns = [Column(inquiry, name) for name in names]
        return inquiry.select(
            Min(inquiry.id).as_('id'),
            *columns,
            Count(inquiry.id).as_('inquiries'),
            where=Column(inquiry, required) != Null if required else None,
            group_by=columns)

    @classmethod
    def rows(cls, from_date, to_date, columns):
        """Return a cursor on the rows of columns for the inquiries received
        from from_date to to_date, counted by the database"""
        with Transaction().set_context(from_date=from_date, to_date=to_date):
            query = cls.table_query()
        cursor = Transaction().connection.cursor()
        cursor.execute(*query.select(*[Column(query, c) for c in columns]))
        return cursor


class QuarterMixin:
    __slots__ = ()
    year = fields.Integer("Year")
    quarter = fields.Integer("Quarter")
    period = fields.Function(
        fields.Char(
            "Period",
            help="The quarter or, when the period cuts it, "
            "the days it covers."),
        'get_period')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order[0:0] = [('year', 'ASC'), ('quarter', 'ASC')]

    def get_period(self, name):
        context = Transaction().context
        return quarter_label(
            self.year, self.quarter,
            context.get('from_date'), context.get('to_date'))


class Quarter(QuarterMixin, StatisticsMixin, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.statistics.quarter'
    __string__ = "Inquiries per Quarter"

    inquiries = fields.Integer(
        "Inquiries", help="All the inquiries that are not cancelled.")
    without_handling = fields.Integer(
        "Without Handling",
        help="The misdirected inquiries sent on to the right centre "
        "without handling by the advisor.")
    with_handling = fields.Integer(
        "With Handling",
        help="The inquiries handled by the advisor.")

    @classmethod
    def table_query(cls):
        inquiry = cls._inquiries()
        return inquiry.select(
            Min(inquiry.id).as_('id'),
            inquiry.year,
            inquiry.quarter,
            Count(inquiry.id).as_('inquiries'),
            Sum(inquiry.misdirected).as_('without_handling'),
            (Count(inquiry.id) - Sum(inquiry.misdirected)).as_(
                'with_handling'),
            group_by=[inquiry.year, inquiry.quarter])


class QuarterCentre(QuarterMixin, StatisticsMixin, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.statistics.quarter_centre'
    __string__ = "Handled Inquiries per Quarter and Centre"

    centre = fields.Many2One('borgerraadgiver.centre', "Centre")
    inquiries = fields.Integer(
        "Inquiries", help="The inquiries handled by the advisor.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(2, ('centre', 'ASC'))

    @classmethod
    def table_query(cls):
        return cls._count_handled('year', 'quarter', 'centre')


class CategoryCentre(StatisticsMixin, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.statistics.category'
    __string__ = "Handled Inquiries per Category and Centre"

    category = fields.Many2One('borgerraadgiver.category', "Category")
    centre = fields.Many2One('borgerraadgiver.centre', "Centre")
    inquiries = fields.Integer(
        "Inquiries", help="The inquiries handled by the advisor.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order[0:0] = [('category', 'ASC'), ('centre', 'ASC')]

    @classmethod
    def table_query(cls):
        return cls._count_handled('category', 'centre')


class SubcategoryCentre(StatisticsMixin, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.statistics.subcategory'
    __string__ = "Handled Inquiries per Subcategory and Centre"

    category = fields.Many2One('borgerraadgiver.category', "Category")
    subcategory = fields.Many2One('borgerraadgiver.category', "Subcategory")
    centre = fields.Many2One('borgerraadgiver.centre', "Centre")
    inquiries = fields.Integer(
        "Inquiries", help="The inquiries handled by the advisor.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order[0:0] = [
            ('category', 'ASC'), ('subcategory', 'ASC'), ('centre', 'ASC')]

    @classmethod
    def table_query(cls):
        return cls._count_handled(
            'category', 'subcategory', 'centre', required='subcategory')


class SupervisionCentre(StatisticsMixin, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.statistics.supervision'
    __string__ = "Supervision and Teaching per Kind and Centre"

    kind = fields.Selection(KINDS, "Kind", sort=False)
    centre = fields.Many2One(
        'borgerraadgiver.centre', "Centre",
        help="Empty for the activities for all centres.")
    activities = fields.Integer(
        "Activities", help="The activities that were not cancelled.")
    hours = fields.Numeric("Hours", digits=(16, 1))
    participants = fields.Integer("Participants")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order[0:0] = [('kind', 'ASC'), ('centre', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Supervision = pool.get('borgerraadgiver.supervision')
        supervision = Supervision.__table__()
        context = Transaction().context

        where = Coalesce(supervision.cancelled, Literal(False)) == Literal(
            False)
        if context.get('from_date'):
            where &= supervision.date >= context['from_date']
        if context.get('to_date'):
            where &= supervision.date <= context['to_date']
        return supervision.select(
            Min(supervision.id).as_('id'),
            supervision.kind,
            supervision.centre,
            Count(supervision.id).as_('activities'),
            Sum(supervision.hours).as_('hours'),
            Sum(supervision.participants).as_('participants'),
            where=where,
            group_by=[supervision.kind, supervision.centre])
