# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.cache import Cache
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    borgerraadgiver_centres = fields.Many2Many(
        'borgerraadgiver.centre-res.user', 'user', 'centre', "Centres",
        help="The centres whose forwarded inquiries the user sees.")
    _borgerraadgiver_centres_cache = Cache(
        'res_user.get_borgerraadgiver_centres', context=False)

    @classmethod
    def get_borgerraadgiver_centres(cls):
        "Return the ids of the centres of the current user"
        pool = Pool()
        CentreUser = pool.get('borgerraadgiver.centre-res.user')
        user = Transaction().user
        centres = cls._borgerraadgiver_centres_cache.get(user)
        if centres is None:
            table = CentreUser.__table__()
            cursor = Transaction().connection.cursor()
            cursor.execute(*table.select(
                    table.centre, where=table.user == user,
                    order_by=[table.centre]))
            centres = [c for c, in cursor]
            cls._borgerraadgiver_centres_cache.set(user, centres)
        return centres

    @classmethod
    def is_borgerraadgiver_advisor(cls):
        "Whether the current user works as the citizens' advisor"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        return (ModelData.get_id('borgerraadgiver', 'group_advisor')
            in cls.get_groups())
