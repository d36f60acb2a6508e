# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered, tree)

from .mixin import CodeNameMixin


class Category(
        CodeNameMixin, DeactivableMixin, tree(), sequence_ordered(),
        ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.category'
    _rec_name_separator = '. '

    parent = fields.Many2One(
        'borgerraadgiver.category', "Parent", ondelete='RESTRICT',
        domain=[('parent', '=', None)],
        help="Only the categories of the first level have subcategories.")
    children = fields.One2Many(
        'borgerraadgiver.category', 'parent', "Subcategories")
