# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Id


class Configuration(ModelSingleton, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.configuration'

    inquiry_sequence = fields.Many2One(
        'ir.sequence', "Inquiry Sequence", required=True,
        domain=[
            ('sequence_type', '=',
                Id('borgerraadgiver', 'sequence_type_inquiry')),
            ],
        help="Numbers the inquiries.")
    centre_deadline_days = fields.Integer(
        "Centre Deadline", required=True,
        domain=[('centre_deadline_days', '>', 0)],
        help="The number of days a centre has to answer a forwarded "
        "inquiry.")
    complaint_age_months = fields.Integer(
        "Complaint Age Limit", required=True,
        domain=[('complaint_age_months', '>', 0)],
        help="Warn when a complaint concerns events older than this number "
        "of months (§1.3 of the rules: normally half a year).")

    @classmethod
    def default_inquiry_sequence(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('borgerraadgiver', 'sequence_inquiry')
        except KeyError:
            return None

    @classmethod
    def default_centre_deadline_days(cls):
        return 14

    @classmethod
    def default_complaint_age_months(cls):
        return 6
