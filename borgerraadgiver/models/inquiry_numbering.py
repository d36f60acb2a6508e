"""The inquiries' numbers: BR-<year received>-0001, one count a year,
without gaps (issue 19, item 3).

The count of a year is the `number_next` of its range of the sequence
`borgerraadgiver.seq_borgerraadgiver_inquiry` (Odoo's settings show and edit
it there). Odoo's own gapless implementation reads it with `FOR UPDATE
NOWAIT`: a second advisor saving meanwhile fails at once, and Odoo's service
layer retries her whole request after sleeping, up to five times. Here the
count is taken with one blocking `UPDATE … RETURNING` instead, at the end of
the inquiry's create: the second save waits on the row only until the first
transaction commits (the few milliseconds left of its request) and then
continues, never fails and never sleeps. A transaction that rolls back gives
its numbers back with its update: no gap, no duplicate. Years are always
taken in ascending order, so that two transactions never wait on each other
in a cycle.
"""

from collections import defaultdict

from odoo.tools import SQL

SEQUENCE = "borgerraadgiver.seq_borgerraadgiver_inquiry"


def draw_numbers(env, dates):
    """The next numbers, in the order of `dates` (the days received)."""
    sequence = env.ref(SEQUENCE).sudo()
    indexes_by_year = defaultdict(list)
    for index, day in enumerate(dates):
        indexes_by_year[day.year].append(index)
    numbers = [None] * len(dates)
    for year in sorted(indexes_by_year):
        indexes = indexes_by_year[year]
        date_range = _year_range(sequence, dates[indexes[0]])
        step = sequence.number_increment
        env.cr.execute(
            SQL(
                "UPDATE ir_sequence_date_range SET number_next = number_next + %s "
                "WHERE id = %s RETURNING number_next",
                step * len(indexes),
                date_range.id,
            )
        )
        first = env.cr.fetchone()[0] - step * len(indexes)
        date_range.invalidate_recordset(["number_next", "number_next_actual"])
        formatted = sequence.with_context(
            ir_sequence_date_range=date_range.date_from
        ).get_next_char
        for position, index in enumerate(indexes):
            numbers[index] = formatted(first + step * position)
    return numbers


def _year_range(sequence, day):
    """The range of the sequence that holds `day`, made for the first
    inquiry of a year: one transaction at a time makes it (the others wait
    on the sequence's row, then find it)."""
    DateRange = sequence.env["ir.sequence.date_range"]
    domain = [
        ("sequence_id", "=", sequence.id),
        ("date_from", "<=", day),
        ("date_to", ">=", day),
    ]
    date_range = DateRange.search(domain, limit=1)
    if not date_range:
        sequence.env.cr.execute(
            SQL("SELECT 1 FROM ir_sequence WHERE id = %s FOR UPDATE", sequence.id)
        )
        date_range = DateRange.search(domain, limit=1)
    return date_range or sequence._create_date_range_seq(day)
