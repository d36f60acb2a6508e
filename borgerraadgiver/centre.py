# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered)
from trytond.pool import Pool

from .mixin import CodeNameMixin


class Centre(
        CodeNameMixin, DeactivableMixin, sequence_ordered(), ModelSQL,
        ModelView):
    __name__ = 'borgerraadgiver.centre'

    email = fields.Char(
        "Email", help="Where the centre receives forwarded inquiries.")
    users = fields.Many2Many(
        'borgerraadgiver.centre-res.user', 'centre', 'user', "Staff",
        help="The users who see the inquiries forwarded to the centre.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.code.help = "The short name used in the report, e.g. B&L."
        t = cls.__table__()
        cls._sql_constraints = [
            ('code_unique', Unique(t, t.code),
                'borgerraadgiver.msg_centre_code_unique'),
            ]
        cls._order.insert(1, ('code', 'ASC'))


class CentreUser(ModelSQL):
    __name__ = 'borgerraadgiver.centre-res.user'

    centre = fields.Many2One(
        'borgerraadgiver.centre', "Centre", required=True, ondelete='CASCADE')
    user = fields.Many2One(
        'res.user', "User", required=True, ondelete='CASCADE')

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, records, field_names=field_names)
        User._borgerraadgiver_centres_cache.clear()
