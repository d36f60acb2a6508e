# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.model import fields


class CodeNameMixin:
    "Records shown and found as their code followed by their name"
    __slots__ = ()
    _rec_name_separator = ' '

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", required=True)

    def get_rec_name(self, name):
        return f'{self.code}{self._rec_name_separator}{self.name}'

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('code', operator, operand, *extra),
            ('name', operator, operand, *extra),
            ]
