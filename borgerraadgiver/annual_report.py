# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt
import re

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateReport, StateView, Wizard

from .annual_statistics import (
    STATISTICS_MODELS, AnnualStatistics, format_long_date)
from .exceptions import ReportPeriodError
from .statistics import PeriodMixin, format_period


def paragraphs(text):
    "Split text into its paragraphs"
    return [p.strip() for p in re.split(r'\n\s*\n', text or '') if p.strip()]


class AnnualReportText(ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.annual_report.text'

    from_date = fields.Date("From Date", required=True)
    to_date = fields.Date(
        "To Date", required=True,
        domain=[('to_date', '>=', Eval('from_date', None))])
    conclusion = fields.Text(
        "Conclusion",
        help="Added after the conclusion written from the figures.")
    recommendations = fields.Text("Recommendations")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints = [
            ('period_unique', Unique(t, t.from_date, t.to_date),
                'borgerraadgiver.msg_annual_report_text_period_unique'),
            ]
        cls._order[0:0] = [('from_date', 'DESC'), ('to_date', 'DESC')]

    def get_rec_name(self, name):
        return format_period(self.from_date, self.to_date)

    @classmethod
    def get(cls, from_date, to_date):
        "Return the texts of the period or None"
        texts = cls.search([
                ('from_date', '=', from_date),
                ('to_date', '=', to_date),
                ], limit=1)
        if texts:
            text, = texts
            return text

    @classmethod
    def set(cls, from_date, to_date, conclusion, recommendations):
        "Keep the texts for the period when they changed"
        text = cls.get(from_date, to_date)
        if text is None:
            if not conclusion and not recommendations:
                return
            text = cls(from_date=from_date, to_date=to_date)
        elif ((text.conclusion or '', text.recommendations or '')
                == (conclusion or '', recommendations or '')):
            return
        text.conclusion = conclusion
        text.recommendations = recommendations
        text.save()


def check_period(from_date, to_date):
    if from_date > to_date:
        raise ReportPeriodError(gettext(
                'borgerraadgiver.msg_annual_report_period',
                from_date=from_date, to_date=to_date))


class AnnualReportStart(PeriodMixin, ModelView):
    __name__ = 'borgerraadgiver.annual_report.print.start'

    conclusion = fields.Text(
        "Conclusion",
        help="Added after the conclusion written from the figures.\n"
        "It is kept for the period.")
    recommendations = fields.Text(
        "Recommendations",
        help="Separate the paragraphs with an empty line.\n"
        "It is kept for the period.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.from_date.required = cls.to_date.required = True

    @classmethod
    def _default_text(cls, name):
        Text = Pool().get('borgerraadgiver.annual_report.text')
        text = Text.get(cls.default_from_date(), cls.default_to_date())
        return getattr(text, name, None)

    @classmethod
    def default_conclusion(cls):
        return cls._default_text('conclusion')

    @classmethod
    def default_recommendations(cls):
        return cls._default_text('recommendations')

    @fields.depends('from_date', 'to_date')
    def _load_texts(self):
        Text = Pool().get('borgerraadgiver.annual_report.text')
        if self.from_date and self.to_date:
            text = Text.get(self.from_date, self.to_date)
            if text:
                self.conclusion = text.conclusion
                self.recommendations = text.recommendations

    @fields.depends(methods=['_load_texts'])
    def on_change_from_date(self):
        self._load_texts()

    @fields.depends(methods=['_load_texts'])
    def on_change_to_date(self):
        self._load_texts()


class AnnualReport(Wizard):
    __name__ = 'borgerraadgiver.annual_report.print'

    start = StateView('borgerraadgiver.annual_report.print.start',
        'borgerraadgiver.annual_report_print_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Workbook", 'workbook', 'tryton-print'),
            Button("PDF", 'pdf', 'tryton-print', default=True),
            ])
    workbook = StateReport('borgerraadgiver.statistics.xlsx')
    pdf = StateReport('borgerraadgiver.annual_report')

    def _data(self):
        pool = Pool()
        Text = pool.get('borgerraadgiver.annual_report.text')
        check_period(self.start.from_date, self.start.to_date)
        Text.set(
            self.start.from_date, self.start.to_date,
            self.start.conclusion, self.start.recommendations)
        return {
            'from_date': self.start.from_date,
            'to_date': self.start.to_date,
            }

    def do_workbook(self, action):
        return action, self._data()

    def do_pdf(self, action):
        return action, self._data()


class AnnualReportMixin:
    __slots__ = ()

    @classmethod
    def execute(cls, ids, data):
        # The statistics are counted without the ORM, so check first that
        # the user may read them
        cls.check_statistics_access()
        return super().execute(ids, data)

    @classmethod
    def check_statistics_access(cls):
        ModelAccess = Pool().get('ir.model.access')
        if Transaction().user:
            with check_access():
                for name in STATISTICS_MODELS:
                    ModelAccess.check(name, 'read')

    @classmethod
    def get_statistics(cls, data):
        from_date, to_date = (
            dt.date.fromisoformat(d) if isinstance(d, str) else d
            for d in [data['from_date'], data['to_date']])
        check_period(from_date, to_date)
        return AnnualStatistics(from_date, to_date)


class AnnualReportDocument(AnnualReportMixin, Report):
    # The tables of §3 and the conclusion and recommendations of §4
    __name__ = 'borgerraadgiver.annual_report'

    @classmethod
    def get_context(cls, records, header, data):
        pool = Pool()
        Text = pool.get('borgerraadgiver.annual_report.text')
        context = super().get_context(records, header, data)
        statistics = cls.get_statistics(data)
        text = Text.get(statistics.from_date, statistics.to_date)
        context['statistics'] = statistics
        context['tables'] = {t.key: t for t in statistics.tables}
        context['conclusion'] = statistics.conclusion + paragraphs(
            getattr(text, 'conclusion', None))
        context['recommendations'] = paragraphs(
            getattr(text, 'recommendations', None))
        context['format_long_date'] = format_long_date
        return context
