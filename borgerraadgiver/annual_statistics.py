# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
"""The figures of the annual report (§3 and §4 of the specification),
counted by the statistics models, and the conclusion written from them."""
from trytond.pool import Pool
from trytond.transaction import Transaction

from .statistics import format_period, period_quarters, quarter_label

# The report is the Danish document of the specification (§3 and §4): its
# labels are written as the specification writes them and the names of the
# categories and centres are read in Danish.
LANGUAGE = 'da'
TOTAL = "I alt"
MONTHS = [
    'januar', 'februar', 'marts', 'april', 'maj', 'juni',
    'juli', 'august', 'september', 'oktober', 'november', 'december']
MISDIRECTED_NOTE = (
    "*1 – Fejlhenvendelser/henvendelser videresendt til relevant center uden "
    "yderligere sagsbehandling fra borgerrådgiver, f.eks. ansøgning om "
    "tandbehandling, flytteanmodning, opskrivning til pladstilbud m.v.")
STATISTICS_MODELS = [
    'borgerraadgiver.statistics.quarter',
    'borgerraadgiver.statistics.quarter_centre',
    'borgerraadgiver.statistics.category',
    'borgerraadgiver.statistics.subcategory',
    'borgerraadgiver.statistics.supervision',
    ]
# The column of table 3.5 for the activities for all centres
ALL_CENTRES = "Alle"
KIND_LABELS = {
    'supervision': "Supervision",
    'teaching': "Undervisning",
    'course': "Kursus",
    }


class Table:
    "A table of the report: labelled rows of counts with their totals"

    def __init__(
            self, key, title, sheet, corner, columns, notes=(),
            column_notes=None, chart=None):
        self.key = key
        self.title = title
        self.sheet = sheet
        self.corner = corner
        self.columns = columns
        self.notes = list(notes)
        # The texts that explain a column label: {column index: text}
        self.column_notes = column_notes or {}
        # The indexes of the columns to chart and how
        self.chart = chart
        self.rows = []

    def add_row(self, label, values):
        assert len(values) == len(self.columns)
        self.rows.append((label, list(values)))

    @property
    def totals(self):
        return [sum(c) for c in zip(*(v for _, v in self.rows))] or [
            0] * len(self.columns)


class AnnualStatistics:
    """The tables of §3 and the key figures of §4.1 for a period, from the
    counts of the statistics models"""

    def __init__(self, from_date, to_date):
        self.from_date = from_date
        self.to_date = to_date
        self.period = format_period(from_date, to_date)
        self.quarters = [
            (year, quarter, quarter_label(year, quarter, from_date, to_date))
            for year, quarter in period_quarters(from_date, to_date)]
        with Transaction().set_context(language=LANGUAGE):
            self._centres = self.get_centres()
            self.tables = self.get_tables()
        self.figures = self.get_figures()
        self.conclusion = self.get_conclusion()

    def _rows(self, model, columns):
        Model = Pool().get(model)
        return Model.rows(self.from_date, self.to_date, columns)

    def get_centres(self):
        "Return the centres that head the columns: (id, code, name)"
        pool = Pool()
        Centre = pool.get('borgerraadgiver.centre')
        self._quarter_centre = {}
        for year, quarter, centre, count in self._rows(
                'borgerraadgiver.statistics.quarter_centre',
                ['year', 'quarter', 'centre', 'inquiries']):
            self._quarter_centre[year, quarter, centre] = count
        counted = {c for _, _, c in self._quarter_centre}
        with Transaction().set_context(active_test=False):
            centres = Centre.search(['OR',
                    ('id', 'in', [c for c in counted if c is not None]),
                    ('active', '=', True),
                    ])
        result = [(c.id, c.code, c.name) for c in centres]
        if None in counted:
            result.append((None, "Uden center", "Henvendelser uden center"))
        return result

    @property
    def centre_columns(self):
        return [TOTAL] + [code for _, code, _ in self._centres]

    @property
    def centre_legend(self):
        return ", ".join(
            f'{code} = {name}' for id_, code, name in self._centres if id_)

    @property
    def centre_names(self):
        return {i: name for i, (_, _, name) in enumerate(self._centres, 1)}

    def _centre_row(self, counts):
        values = [counts.get(c, 0) for c, _, _ in self._centres]
        return [sum(values)] + values

    def get_tables(self):
        return [
            self.table_3_1(),
            self.table_3_2(),
            self.table_3_3(),
            self.table_3_4(),
            self.table_3_5(),
            ]

    def table_3_1(self):
        table = Table(
            '3.1', "Henvendelser i alt", "3.1 Henvendelser i alt", "Kvartal",
            ["Antal henvendelser",
                "Henvendelser uden sagsbehandling hos borgerrådgiver *1",
                "Henvendelser til sagsbehandling hos borgerrådgiveren"],
            notes=[MISDIRECTED_NOTE],
            column_notes={1: MISDIRECTED_NOTE},
            chart={'type': 'column', 'subtype': 'stacked', 'columns': [1, 2]})
        counts = {}
        for year, quarter, *values in self._rows(
                'borgerraadgiver.statistics.quarter',
                ['year', 'quarter', 'inquiries', 'without_handling',
                    'with_handling']):
            counts[year, quarter] = values
        for year, quarter, label in self.quarters:
            table.add_row(label, counts.get((year, quarter), [0, 0, 0]))
        return table

    def table_3_2(self):
        table = Table(
            '3.2',
            "Henvendelser med sagsbehandling hos borgerrådgiveren "
            "fordelt pr. center",
            "3.2 Pr. center", "Kvartal", self.centre_columns,
            notes=[self.centre_legend],
            column_notes=self.centre_names,
            chart={
                'type': 'column', 'subtype': 'stacked',
                'columns': list(range(1, len(self.centre_columns)))})
        for year, quarter, label in self.quarters:
            table.add_row(label, self._centre_row({
                        c: n for (y, q, c), n in self._quarter_centre.items()
                        if (y, q) == (year, quarter)}))
        return table

    def _categories(self, counted, parent=None):
        "Return the categories with parent that are active or counted"
        Category = Pool().get('borgerraadgiver.category')
        with Transaction().set_context(active_test=False):
            return Category.search([
                    ('parent', '=', parent),
                    ['OR',
                        ('id', 'in', [c for c in counted if c is not None]),
                        ('active', '=', True),
                        ],
                    ])

    def table_3_3(self):
        table = Table(
            '3.3', "Henvendelser efter kategorisering", "3.3 Kategorier",
            "Kategori", self.centre_columns,
            notes=[self.centre_legend],
            column_notes=self.centre_names,
            chart={'type': 'bar', 'columns': [0]})
        counts = {}
        for category, centre, count in self._rows(
                'borgerraadgiver.statistics.category',
                ['category', 'centre', 'inquiries']):
            counts.setdefault(category, {})[centre] = count
        self._category_counts = counts
        for category in self._categories(counts):
            table.add_row(
                category.rec_name,
                self._centre_row(counts.get(category.id, {})))
        if None in counts:
            table.add_row("Uden kategori", self._centre_row(counts[None]))
        return table

    def table_3_4(self):
        ModelData = Pool().get('ir.model.data')
        complaint = ModelData.get_id('borgerraadgiver', 'category_4')
        table = Table(
            '3.4',
            "Udspecificering af kategori nr. 4 (Klager over sagsbehandling)",
            "3.4 Klager over sagsbehandling", "Underkategori",
            self.centre_columns,
            notes=[self.centre_legend],
            column_notes=self.centre_names,
            chart={'type': 'bar', 'columns': [0]})
        counts = {}
        for subcategory, centre, count in self._rows(
                'borgerraadgiver.statistics.subcategory',
                ['subcategory', 'centre', 'inquiries']):
            by_centre = counts.setdefault(subcategory, {})
            by_centre[centre] = by_centre.get(centre, 0) + count
        self._subcategory_counts = counts
        subcategories = self._categories(counts, parent=complaint)
        for subcategory in subcategories:
            table.add_row(
                subcategory.name,
                self._centre_row(counts.get(subcategory.id, {})))
        # Complaints not yet given a subcategory
        missing = self._category_counts.get(complaint, {}).copy()
        for subcategory in subcategories:
            for centre, count in counts.get(subcategory.id, {}).items():
                missing[centre] = missing.get(centre, 0) - count
        if any(missing.values()):
            table.add_row("Uden underkategori", self._centre_row(missing))
        return table

    def _supervision_centres(self, counted):
        """Return the centres of the report and those counted in table 3.5
        that are not among them: (id, code, name)"""
        Centre = Pool().get('borgerraadgiver.centre')
        centres = [c for c in self._centres if c[0] is not None]
        missing = counted - {c[0] for c in centres} - {None}
        with Transaction().set_context(active_test=False):
            centres += [
                (c.id, c.code, c.name)
                for c in Centre.browse(sorted(missing))]
        return centres

    def table_3_5(self):
        counts, hours, participants = {}, 0, 0
        for kind, centre, count, hours_, participants_ in self._rows(
                'borgerraadgiver.statistics.supervision',
                ['kind', 'centre', 'activities', 'hours', 'participants']):
            counts.setdefault(kind, {})[centre] = count
            hours += hours_ or 0
            participants += participants_ or 0
        self._supervision = {
            'activities': sum(sum(c.values()) for c in counts.values()),
            'hours': hours,
            'participants': participants,
            }
        centres = self._supervision_centres(
            {c for by_centre in counts.values() for c in by_centre})
        legend = ", ".join(
            [f'{code} = {name}' for _, code, name in centres]
            + [f'{ALL_CENTRES} = aktiviteter for alle centre'])
        table = Table(
            '3.5', "Intern supervision, undervisning m.v.",
            "3.5 Supervision og undervisning", "Aktivitet",
            [TOTAL] + [code for _, code, _ in centres] + [ALL_CENTRES],
            notes=[
                legend,
                "Aktiviteterne har i alt varet %s timer med %s deltagere." % (
                    format_hours(hours), participants)],
            column_notes={
                **{i: name for i, (_, _, name) in enumerate(centres, 1)},
                len(centres) + 1: "Aktiviteter for alle centre"},
            chart={'type': 'bar', 'columns': [0]})
        for kind, label in KIND_LABELS.items():
            by_centre = counts.get(kind, {})
            values = [by_centre.get(c, 0) for c, _, _ in centres] + [
                by_centre.get(None, 0)]
            table.add_row(label, [sum(values)] + values)
        return table

    def get_figures(self):
        "Return the key figures of §4.1"
        ModelData = Pool().get('ir.model.data')
        total, without, handled = self.tables[0].totals
        complaint = ModelData.get_id('borgerraadgiver', 'category_4')
        time = ModelData.get_id('borgerraadgiver', 'category_4_1')
        complaints = sum(self._category_counts.get(complaint, {}).values())
        time_count = sum(self._subcategory_counts.get(time, {}).values())
        return {
            'inquiries': total,
            'without_handling': without,
            'with_handling': handled,
            'complaints': complaints,
            'handling_time': time_count,
            'handling_time_share': time_count / handled if handled else 0,
            'supervisions': self._supervision['activities'],
            'supervision_hours': self._supervision['hours'],
            }

    def get_conclusion(self):
        "Return the paragraphs of the conclusion written from the figures"
        figures = self.figures
        total = figures['inquiries']
        handled = figures['with_handling']
        complaints = figures['complaints']
        time = figures['handling_time']
        period = '%s til %s' % (
            format_long_date(self.from_date), format_long_date(self.to_date))
        if not total:
            return [
                f"Borgerrådgiverfunktionen har i perioden {period} ikke "
                "modtaget nogen henvendelser."]
        text = (
            f"Borgerrådgiverfunktionen har i perioden {period} modtaget "
            f"i alt {inquiries(total)}, ")
        if handled == total:
            text += "som alle har været til reel sagsbehandling"
        elif handled:
            text += (
                f"hvoraf {the(handled)} har været til reel sagsbehandling")
        else:
            text += "hvoraf ingen har været til reel sagsbehandling"
        paragraphs = [text + " hos borgerrådgiveren."]
        if not handled:
            return paragraphs
        category = "kategorien ”klage over sagsbehandling”"
        if not complaints:
            paragraphs.append(
                f"Ingen af de {inquiries(handled)} er registreret under "
                f"{category}.")
            return paragraphs
        text = (
            f"Af de {inquiries(handled)} er der {inquiries(complaints)}, "
            f"der er registreret under {category}. ")
        if time:
            text += (
                f"Heraf har {the(time)} omhandlet sagsbehandlingstiden "
                f"(dvs. {share(time, handled)} hos borgerrådgiveren "
                "vedrører sagsbehandlingstiden).")
        else:
            text += "Ingen af dem har omhandlet sagsbehandlingstiden."
        paragraphs.append(text)
        return paragraphs


def format_long_date(date):
    return f'{date.day}. {MONTHS[date.month - 1]} {date.year}'


def format_hours(hours):
    "Return the hours as Danish writes them: 7,5"
    return f'{hours:.1f}'.replace('.', ',').removesuffix(',0')


def the(count):
    "Return the count as the conclusion refers to a part: de 30, 1"
    return f'de {count}' if count != 1 else str(count)


def inquiries(count):
    return f'{count} henvendelse' + ('r' if count != 1 else '')


def share(part, whole):
    "Return in words which share of the cases part of whole is"
    if part == whole:
        return "alle sagsbehandlinger"
    every = round(whole / part)
    if every < 2:
        return "de fleste sagsbehandlinger"
    if part * every == whole:
        qualifier = ""
    elif part * every < whole:
        qualifier = "knap "
    else:
        qualifier = "godt "
    return f"{qualifier}hver {every}. sagsbehandling"
