# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt
import unittest
from decimal import Decimal

from trytond.model.exceptions import AccessError
from trytond.modules.borgerraadgiver.exceptions import (
    SupervisionValidationError)
from trytond.pool import Pool
from trytond.tests.test_tryton import activate_module, with_transaction
from trytond.transaction import Transaction, check_access

from .test_statistics import supervision, user


class SupervisionTestCase(unittest.TestCase):
    "Test the supervision and teaching activities (§2.2, §3.5)"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        activate_module('borgerraadgiver')

    @with_transaction()
    def test_defaults(self):
        "An activity is today's supervision, not cancelled, by default"
        pool = Pool()
        Supervision = pool.get('borgerraadgiver.supervision')
        Date = pool.get('ir.date')
        record = Supervision(topic="Partshøring")
        record.save()
        self.assertEqual(
            (record.date, record.kind, record.centre, record.cancelled),
            (Date.today(), 'supervision', None, False))

    @with_transaction()
    def test_hours_positive(self):
        "Hours of zero or less are refused with a clear message"
        for hours in [Decimal(0), Decimal('-1.5')]:
            with self.subTest(hours=hours):
                with self.assertRaisesRegex(
                        SupervisionValidationError,
                        r'The "Hours" of activity "Forvaltningsret" '
                        r'must be greater than zero'):
                    supervision(
                        dt.date(2020, 5, 6), topic="Forvaltningsret",
                        hours=hours)
        record = supervision(dt.date(2020, 5, 6), hours=Decimal('0.5'))
        with self.assertRaises(SupervisionValidationError):
            record.hours = Decimal(0)
            record.save()

    @with_transaction()
    def test_participants_not_negative(self):
        "Participants cannot be negative; none is allowed"
        supervision(dt.date(2020, 5, 6), participants=0)
        with self.assertRaisesRegex(
                SupervisionValidationError, r'"Participants".*negative'):
            supervision(dt.date(2020, 5, 6), participants=-1)

    @with_transaction()
    def test_access(self):
        """Centre staff see no activity nor their statistics; statistics
        readers read but do not write; the advisor writes"""
        pool = Pool()
        Supervision = pool.get('borgerraadgiver.supervision')
        Statistics = pool.get('borgerraadgiver.statistics.supervision')
        record = supervision(dt.date(2020, 5, 6))
        staff = user('staff', 'group_centre_staff')
        manager = user('manager', 'group_statistics')
        advisor = user('advisor', 'group_advisor')
        nobody, = pool.get('res.user').create([{
                    'login': 'nobody', 'name': "Nobody"}])

        for user_ in [staff, nobody]:
            with self.subTest(user=user_.login):
                with Transaction().set_user(user_.id), check_access():
                    with self.assertRaises(AccessError):
                        Supervision.read([record.id], ['topic'])
                    with self.assertRaises(AccessError):
                        Statistics.search([])
                    with self.assertRaises(AccessError):
                        Supervision.create([{'topic': "Test"}])

        with Transaction().set_user(manager.id), check_access():
            self.assertEqual(
                Supervision.read([record.id], ['topic'])[0]['topic'], "Test")
            Statistics.search([])
            with self.assertRaises(AccessError):
                Supervision.write([record], {'topic': "Changed"})
            with self.assertRaises(AccessError):
                Supervision.create([{'topic': "Test"}])
            with self.assertRaises(AccessError):
                Supervision.delete([record])

        with Transaction().set_user(advisor.id), check_access():
            Supervision.write([record], {'topic': "Changed"})
            new, = Supervision.create([{'topic': "New"}])
            Supervision.delete([new])
            Statistics.search([])
