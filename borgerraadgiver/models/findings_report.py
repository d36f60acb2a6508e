"""The yearly report's sections of issue 18, after the tables of §3 (3.1-3.5):
the systemic findings and own-initiative investigations (3.7) and the
recommendations (3.8), each a table of counts (a :class:`Table` of the
statistics, written like the others into the PDF, the workbook and the Word
document) and lists by title; then the returning citizens (3.9) and the
counted-only contacts (3.10.1, 3.10.2), tables of the statistics model
(borgerraadgiver_statistics_returning.py).

No personal data: a title is written by the advisor for the report, the
rest is centre, kind, stage and dates. Counted and listed as superuser, after
the report's access check: management reads neither model."""

from .borgerraadgiver_recommendation import RESPONSE_STATES
from .borgerraadgiver_statistics import Table

# The sections' numbers: after 3.5, the last table of the spec
INVESTIGATIONS_KEY = "3.7"
RECOMMENDATIONS_KEY = "3.8"


class ReportList:
    """A list of the report: a row of texts per record."""

    def __init__(self, title, sheet, columns, empty):
        self.title = title
        self.sheet = sheet
        self.columns = columns
        # what the report says where the list is empty
        self.empty = empty
        self.rows = []


class FindingsSection:
    """A section of the report: a heading, tables of counts, lists."""

    def __init__(self, key, title, tables, lists):
        self.key = key
        self.title = title
        self.tables = tables
        self.lists = lists


def selection_labels(model, field):
    return dict(model._fields[field]._description_selection(model.env))


def findings_sections(report, statistics):
    """The sections of `report` (in the report's environment) for the
    period of `statistics`."""
    return [
        investigations_section(report, statistics),
        recommendations_section(report, statistics),
        *returning_and_contact_sections(statistics),
    ]


def returning_and_contact_sections(statistics):
    """The returning citizens (3.9) and the counted-only contacts (3.10.1,
    3.10.2): tables of the statistics (borgerraadgiver_statistics_returning.py),
    counted as the report's user."""
    continuations, by_centre, by_category = (
        statistics.model._returning_and_contact_tables(statistics)
    )
    return [
        FindingsSection(continuations.key, continuations.title, [continuations], []),
        FindingsSection(by_centre.key, by_centre.title, [by_centre, by_category], []),
    ]


def investigations_section(report, statistics):
    env = report.env
    _ = env._
    Investigation = env["borgerraadgiver.investigation"]
    investigations = Investigation._of_period(statistics.date_from, statistics.date_to)
    kinds = selection_labels(Investigation, "kind")
    states = selection_labels(Investigation, "state")
    key = INVESTIGATIONS_KEY
    table = Table(
        key,
        _("Systemic findings and own-initiative investigations"),
        _("%s Investigations", key),
        _("Kind"),
        [statistics.total_label] + list(states.values()),
        notes=[
            _("Investigations open at some time in the period, by their stage today.")
        ],
    )
    for kind, label in kinds.items():
        of_kind = investigations.filtered(lambda i, k=kind: i.kind == k)
        counts = [len(of_kind.filtered(lambda i, s=s: i.state == s)) for s in states]
        table.add_row(label, [len(of_kind)] + counts)
    listing = ReportList(
        _("Investigations of the period"),
        _("%s Investigation list", key),
        [_("Title"), _("Centre"), _("Kind"), _("Stage"), _("Opened")],
        _("No investigations in the period."),
    )
    for investigation in investigations:
        listing.rows.append(
            [
                investigation.name,
                investigation.centre_id.name or _("The whole administration"),
                kinds[investigation.kind],
                states[investigation.state],
                statistics.format_long_date(investigation.date_start),
            ]
        )
    return FindingsSection(key, table.title, [table], [listing])


def recommendations_section(report, statistics):
    env = report.env
    _ = env._
    Recommendation = env["borgerraadgiver.recommendation"]
    states = selection_labels(Recommendation, "state")
    counted = ("sent",) + RESPONSE_STATES
    key = RECOMMENDATIONS_KEY
    recommendations = Recommendation._of_period(
        statistics.date_from, statistics.date_to
    )
    whole = _("The whole administration")
    table = Table(
        key,
        _("Recommendations to the centres"),
        _("%s Recommendations", key),
        _("Centre"),
        [statistics.total_label] + [states[s] for s in counted],
        notes=[_("Recommendations sent in the period, by their status today.")],
    )
    centres = recommendations.centre_id.sorted(lambda c: (c.sequence, c.id))
    for centre in list(centres) + [centres.browse()]:
        of_centre = recommendations.filtered(lambda r, c=centre: r.centre_id == c)
        if not of_centre and centre:
            continue
        counts = [len(of_centre.filtered(lambda r, s=s: r.state == s)) for s in counted]
        table.add_row(centre.name or whole, [len(of_centre)] + counts)

    def listing(title, sheet, records, empty):
        report_list = ReportList(
            title,
            sheet,
            [_("Title"), _("Centre"), _("Sent"), _("Deadline"), _("Status")],
            empty,
        )
        for recommendation in records:
            report_list.rows.append(
                [
                    recommendation.name,
                    recommendation.centre_id.name or whole,
                    statistics.format_long_date(recommendation.date),
                    recommendation.deadline
                    and statistics.format_long_date(recommendation.deadline)
                    or "",
                    states[recommendation.state],
                ]
            )
        return report_list

    lists = [
        listing(
            _("Recommendations of the period"),
            _("%s Recommendation list", key),
            recommendations,
            _("No recommendations in the period."),
        ),
        listing(
            _("Carried forward: earlier recommendations still open"),
            _("%s Carried forward", key),
            Recommendation._carried_forward(statistics.date_from),
            _("No earlier recommendation was awaiting its response."),
        ),
    ]
    return FindingsSection(key, table.title, [table], lists)
