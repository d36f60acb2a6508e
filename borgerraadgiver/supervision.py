# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, fields
from trytond.pool import Pool

from .exceptions import SupervisionValidationError

KINDS = [
    ('supervision', "Supervision"),
    ('teaching', "Teaching"),
    ('course', "Course"),
    ]


class Supervision(ModelSQL, ModelView):
    # The supervision and teaching the advisor gives municipal staff (§2.2)
    __name__ = 'borgerraadgiver.supervision'
    __string__ = "Supervision and Teaching"
    _rec_name = 'topic'

    date = fields.Date("Date", required=True)
    centre = fields.Many2One(
        'borgerraadgiver.centre', "Centre", ondelete='RESTRICT',
        help="The centre whose staff took part.\n"
        "Leave empty for an activity for all centres.")
    kind = fields.Selection(KINDS, "Kind", required=True, sort=False)
    topic = fields.Char("Topic", required=True)
    hours = fields.Numeric(
        "Hours", digits=(16, 1),
        help="The hours the advisor spent on the activity.")
    participants = fields.Integer(
        "Participants", help="How many members of staff took part.")
    description = fields.Text(
        "Description",
        help="What the activity covered.\n"
        "Do not write the names of citizens: "
        "the readers of the statistics see this text.")
    cancelled = fields.Boolean(
        "Cancelled",
        help="The activity did not take place; the report does not count it.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.date, Index.Range())))
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_kind(cls):
        return 'supervision'

    @classmethod
    def default_cancelled(cls):
        return False

    @classmethod
    def validate_fields(cls, supervisions, field_names):
        super().validate_fields(supervisions, field_names)
        if field_names & {'hours', 'participants'}:
            cls.check_quantities(supervisions)

    @classmethod
    def check_quantities(cls, supervisions):
        for supervision in supervisions:
            if supervision.hours is not None and supervision.hours <= 0:
                raise SupervisionValidationError(gettext(
                        'borgerraadgiver.msg_supervision_hours_positive',
                        supervision=supervision.rec_name,
                        hours=supervision.hours,
                        **cls.__names__('hours')))
            if (supervision.participants is not None
                    and supervision.participants < 0):
                raise SupervisionValidationError(gettext(
                        'borgerraadgiver.msg_supervision_participants',
                        supervision=supervision.rec_name,
                        participants=supervision.participants,
                        **cls.__names__('participants')))
