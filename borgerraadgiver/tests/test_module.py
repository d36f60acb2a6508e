# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt
import os

import polib

from trytond.exceptions import UserWarning
from trytond.model.exceptions import AccessError
from trytond.modules.borgerraadgiver.demo import load_demo
from trytond.modules.borgerraadgiver.exceptions import InquiryValidationError
from trytond.modules.party.tests import PartyCheckReplaceMixin
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

from .spec_tables import (
    CENTRES, PERIOD, TABLE_3_1, TABLE_3_2, TABLE_3_3, TABLE_3_4,
    quarter_domain)
from .translation import export_po, key

DANISH_PO = os.path.join(os.path.dirname(__file__), '..', 'locale', 'da.po')


def category(code):
    Category = Pool().get('borgerraadgiver.category')
    record, = Category.search([('code', '=', code)])
    return record


def centre(code='B&L'):
    Centre = Pool().get('borgerraadgiver.centre')
    records = Centre.search([('code', '=', code)])
    if records:
        return records[0]
    record, = Centre.create([{'code': code, 'name': code}])
    return record


def inquiry(**values):
    Inquiry = Pool().get('borgerraadgiver.inquiry')
    values.setdefault('subject', "Test")
    record, = Inquiry.create([values])
    return record


def classified(**values):
    values.setdefault('centre', centre().id)
    values.setdefault('category', category('1').id)
    return inquiry(**values)


class BorgerraadgiverTestCase(PartyCheckReplaceMixin, ModuleTestCase):
    "Test Borgerraadgiver module"
    module = 'borgerraadgiver'

    @with_transaction()
    def test_number_from_sequence_by_received_year(self):
        "Inquiries are numbered with the year they were received"
        record = inquiry(received_date=dt.date(2020, 5, 4))
        self.assertRegex(record.number, r'^BR-2020-\d{4}$')

    @with_transaction()
    def test_received_date_not_in_future(self):
        "A received date in the future is refused with the field named"
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        with self.assertRaisesRegex(
                InquiryValidationError,
                r'The "Received" date .* of inquiry "BR-\d{4}-\d{4}" '
                r'cannot be in the future'):
            inquiry(received_date=tomorrow)

    @with_transaction()
    def test_event_date_not_after_received_date(self):
        "The events of an inquiry cannot come after it was received"
        record = inquiry(received_date=dt.date(2021, 1, 5))
        with self.assertRaisesRegex(
                InquiryValidationError,
                fr'"Event Date" 2021-01-06 of inquiry "{record.number}" '
                r'cannot be after the day it was received, 2021-01-05'):
            record.event_date = dt.date(2021, 1, 6)
            record.save()

    @with_transaction()
    def test_forward_needs_centre(self):
        "Forwarding an inquiry without a centre is refused"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = inquiry(category=category('1').id)
        Inquiry.open([record])
        with self.assertRaisesRegex(
                InquiryValidationError,
                fr'inquiry "{record.number}", fill in the field "Centre"'):
            Inquiry.forward([record])
        self.assertEqual(record.state, 'open')
        self.assertIsNone(record.forwarded_date)

    @with_transaction()
    def test_close_forwarded_needs_answer_date(self):
        "A forwarded inquiry is closed only with the centre's answer"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = classified()
        Inquiry.open([record])
        Inquiry.forward([record])
        with self.assertRaisesRegex(
                InquiryValidationError, r'"Centre Answer Date"'):
            Inquiry.close([record])

    @with_transaction()
    def test_close_needs_resolution(self):
        "Closing without forwarding needs one of the direct resolutions"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = classified()
        with self.assertRaisesRegex(
                InquiryValidationError,
                r'without forwarding it, set the field "Resolution"'):
            Inquiry.close([record])
        record.resolution = 'forwarded'
        record.save()
        with self.assertRaisesRegex(
                InquiryValidationError, r'"Resolution"'):
            Inquiry.close([record])

    @with_transaction()
    def test_rejected_needs_category_7(self):
        "An inquiry that cannot be handled belongs to category 7"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = classified(
            resolution='rejected', out_of_scope_reason='personnel')
        with self.assertRaisesRegex(
                InquiryValidationError,
                r'its "Category" must be category 7'):
            Inquiry.close([record])

    @with_transaction()
    def test_rejected_needs_reason(self):
        "An inquiry that cannot be handled needs the reason why"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = classified(
            category=category('7').id, resolution='rejected')
        with self.assertRaisesRegex(
                InquiryValidationError, r'fill in the field "Reason"'):
            Inquiry.close([record])

    @with_transaction()
    def test_category_4_needs_subcategory(self):
        "A complaint about case handling needs its subcategory"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = classified(
            category=category('4').id, resolution='explained')
        with self.assertRaisesRegex(
                InquiryValidationError,
                r'is in category "4. Complaints about case handling": '
                r'fill in the field "Subcategory"'):
            Inquiry.close([record])

    @with_transaction()
    def test_subcategory_of_category(self):
        "The subcategory must be one of the category's"
        with self.assertRaises(Exception):
            classified(
                category=category('5').id, subcategory=category('4.1').id)

    @with_transaction()
    def test_old_complaint_warns(self):
        "A complaint about events over six months old asks the advisor"
        pool = Pool()
        Inquiry = pool.get('borgerraadgiver.inquiry')
        Warning = pool.get('res.user.warning')
        record = classified(
            category=category('5').id,
            received_date=dt.date(2021, 3, 1),
            event_date=dt.date(2020, 8, 31))
        with self.assertRaisesRegex(
                UserWarning,
                fr'The complaint "{record.number}" concerns events of '
                r'2020-08-31, more than 6 months before') as cm:
            Inquiry.open([record])
        self.assertEqual(record.state, 'draft')
        Warning.skip(cm.exception.name)
        Inquiry.open([record])
        self.assertEqual(record.state, 'open')

    @with_transaction()
    def test_recent_complaint_does_not_warn(self):
        "A complaint within six months opens without a warning"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        record = classified(
            category=category('4').id, subcategory=category('4.1').id,
            received_date=dt.date(2021, 3, 1),
            event_date=dt.date(2020, 9, 1))
        Inquiry.open([record])
        self.assertEqual(record.state, 'open')

    @with_transaction()
    def test_cpr_number_in_free_text_warns(self):
        "A CPR number in free text does not pass unnoticed"
        pool = Pool()
        Warning = pool.get('res.user.warning')
        record = inquiry(subject="Klage over hjemmeplejen")
        record.description = "Borgerens cpr er 010190-1234."
        with self.assertRaisesRegex(
                UserWarning,
                r'The field "Description" of inquiry .* seems to hold a '
                r'CPR number') as cm:
            record.save()
        Warning.skip(cm.exception.name)
        record.save()
        record.description = "Telefon 56 57 57 57, sag BR-2020-0001"
        record.save()
        self.assertEqual(
            record.description, "Telefon 56 57 57 57, sag BR-2020-0001")

    @with_transaction()
    def test_delete_only_draft_or_cancelled(self):
        "Only draft and cancelled inquiries can be deleted"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        draft, opened, cancelled = [classified() for _ in range(3)]
        Inquiry.open([opened])
        Inquiry.cancel([cancelled])
        with self.assertRaisesRegex(
                AccessError, r'only draft and cancelled inquiries'):
            Inquiry.delete([opened])
        Inquiry.delete([draft, cancelled])
        self.assertEqual(Inquiry.search([]), [opened])

    @with_transaction()
    def test_overdue(self):
        "A forwarded inquiry past its deadline is overdue"
        Inquiry = Pool().get('borgerraadgiver.inquiry')
        late, on_time = classified(), classified()
        Inquiry.open([late, on_time])
        Inquiry.forward([late, on_time])
        late.centre_deadline = dt.date.today() - dt.timedelta(days=1)
        late.save()
        self.assertEqual(Inquiry.search([('overdue', '=', True)]), [late])
        self.assertEqual(
            Inquiry.search([('overdue', '=', False)]), [on_time])
        self.assertEqual((late.overdue, on_time.overdue), (True, False))

    @with_transaction()
    def test_demo_reproduces_report_tables(self):
        "The demo data reproduces the report's tables 3.1-3.4"
        pool = Pool()
        Inquiry = pool.get('borgerraadgiver.inquiry')
        load_demo()
        start, end = PERIOD
        counted = [
            ('state', '!=', 'cancelled'),
            ('received_date', '>=', start), ('received_date', '<=', end)]
        handled = counted + [('resolution', '!=', 'misdirected')]

        def count(domain):
            return Inquiry.search_count(domain)

        for quarter, (total, without, with_) in TABLE_3_1.items():
            period = quarter_domain(quarter)
            self.assertEqual(
                [count(counted + period),
                    count(period + [('resolution', '=', 'misdirected')]),
                    count(handled + period)],
                [total, without, with_], quarter)
        for quarter, row in TABLE_3_2.items():
            self.assertEqual([
                    count(handled + quarter_domain(quarter)
                        + [('centre.code', '=', c)]) for c in CENTRES],
                row, quarter)
        for code, row in TABLE_3_3.items():
            self.assertEqual([
                    count(handled + [
                            ('category.code', '=', code),
                            ('centre.code', '=', c)]) for c in CENTRES],
                row, code)
        for code, row in TABLE_3_4.items():
            self.assertEqual([
                    count(handled + [
                            ('subcategory.code', '=', code),
                            ('centre.code', '=', c)]) for c in CENTRES],
                row, code)

    @with_transaction()
    def test_demo_is_rerunnable(self):
        "Loading the demo twice changes nothing"
        pool = Pool()
        Inquiry = pool.get('borgerraadgiver.inquiry')
        Centre = pool.get('borgerraadgiver.centre')
        users = load_demo()
        counts = (Inquiry.search_count([]), Centre.search_count([]))
        self.assertEqual(load_demo(), users)
        self.assertEqual(
            (Inquiry.search_count([]), Centre.search_count([])), counts)
        self.assertEqual(
            [u[0] for u in users], ['advisor', 'centre', 'manager'])
        with Transaction().set_context(active_test=False):
            self.assertEqual(counts[1], 6)

    @with_transaction()
    def test_translation_complete(self):
        "Every text of the module has its Danish translation in da.po"
        translated = {
            key(e): e.msgstr for e in polib.pofile(DANISH_PO)
            if e.msgstr and 'fuzzy' not in e.flags}
        missing = [
            e.msgid for e in export_po('da') if key(e) not in translated]
        self.assertEqual(missing, [], "run scripts/update-translation.py")

    @with_transaction()
    def test_danish_user_sees_danish(self):
        "A Danish user gets the module's labels and messages in Danish"
        pool = Pool()
        Inquiry = pool.get('borgerraadgiver.inquiry')
        Message = pool.get('ir.message')
        Translation = pool.get('ir.translation')
        export_po('da')
        Translation.translation_import('da', 'borgerraadgiver', [DANISH_PO])
        with Transaction().set_context(language='da'):
            self.assertEqual(
                Inquiry.fields_get(['subject'])['subject']['string'], "Emne")
            self.assertEqual(
                Message.gettext(
                    'borgerraadgiver', 'msg_centre_code_unique', 'da'),
                "Et centers kode skal være entydig.")


del ModuleTestCase
