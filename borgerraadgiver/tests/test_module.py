# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.tests.test_tryton import ModuleTestCase


class BorgerraadgiverTestCase(ModuleTestCase):
    "Test Borgerraadgiver module"
    module = 'borgerraadgiver'


del ModuleTestCase
