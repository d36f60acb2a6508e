"""Centre staff over JSON-RPC, logged in with a password on a real server:
they reach only the inquiries forwarded to their own centre."""
import unittest

from .server import MODULE, RPCError, ServerTestCase

INQUIRY = f'{MODULE}.inquiry'
PASSWORD = 'bl-staff-2026'


class CentreStaffRPCTestCase(ServerTestCase):
    "A B&L staff member talks to trytond as sao would"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.server.client()
        admin.login('admin', cls.database.admin_password)
        cls.admin = admin
        group = admin.get_id(MODULE, 'group_centre_staff')
        staff, = admin.model('res.user', 'create', [{
                    'login': 'bl_staff',
                    'name': "B&L staff",
                    'password': PASSWORD,
                    'groups': [('add', [group])],
                    }])
        bl, am = admin.model(f'{MODULE}.centre', 'create', [
                {'code': 'B&L', 'name': "Børn & Læring",
                    'users': [('add', [staff])]},
                {'code': 'AM', 'name': "Arbejdsmarked"},
                ])
        category, = admin.model(
            f'{MODULE}.category', 'search', [('code', '=', '6')])
        cls.bl_forwarded, cls.bl_draft, cls.am_forwarded = admin.model(
            INQUIRY, 'create', [
                {'subject': "Venter på svar", 'centre': bl,
                    'category': category, 'advisor_notes': "Fortroligt"},
                {'subject': "Ny henvendelse", 'centre': bl,
                    'category': category},
                {'subject': "Sygedagpenge", 'centre': am,
                    'category': category},
                ])
        forwarded = [cls.bl_forwarded, cls.am_forwarded]
        admin.model(INQUIRY, 'open', forwarded)
        admin.model(INQUIRY, 'forward', forwarded)

    def setUp(self):
        self.client = self.login('bl_staff', PASSWORD)

    def assertRefused(self, message, method, *args):
        "The call is refused with a UserError (as AccessError travels)"
        with self.assertRaises(RPCError) as cm:
            self.client.model(INQUIRY, method, *args)
        self.assertEqual(cm.exception.name, 'UserError', cm.exception)
        self.assertIn(message, cm.exception.error[1][0])

    def test_search_finds_own_forwarded_only(self):
        "search and search_count see the B&L forwarded inquiry only"
        self.assertEqual(
            self.client.model(INQUIRY, 'search', []), [self.bl_forwarded])
        self.assertEqual(self.client.model(INQUIRY, 'search_count', []), 1)

    def test_read_other_centre_raises(self):
        "Reading an AM inquiry by id raises AccessError"
        self.assertRefused(
            "You are not allowed to read records",
            'read', [self.am_forwarded], ['subject'])

    def test_read_own_draft_raises(self):
        "A B&L draft stays with the advisor"
        self.assertRefused(
            "You are not allowed to read records",
            'read', [self.bl_draft], ['subject'])

    def test_write_subject_raises(self):
        "Centre staff cannot change what the citizen told the advisor"
        self.assertRefused(
            "Only the advisor can change inquiry",
            'write', [self.bl_forwarded], {'subject': "Ændret"})

    def test_read_advisor_notes_raises(self):
        "The advisor's notes are not for the centre"
        self.assertRefused(
            'You are not allowed to access "Borgerraadgiver Inquiry.Advisor',
            'read', [self.bl_forwarded], ['advisor_notes'])

    def test_button_raises(self):
        "Centre staff cannot close an inquiry"
        self.assertRefused(
            'Calling button "close on "Borgerraadgiver Inquiry" is not '
            'allowed', 'close', [self.bl_forwarded])

    def test_register_answer(self):
        "Centre staff register their answer on the forwarded inquiry"
        self.client.model(INQUIRY, 'write', [self.bl_forwarded], {
                'centre_answer': "Svar sendt til borgeren",
                })
        record, = self.client.model(
            INQUIRY, 'read', [self.bl_forwarded], ['centre_answer', 'state'])
        self.assertEqual(
            (record['centre_answer'], record['state']),
            ("Svar sendt til borgeren", 'forwarded'))


if __name__ == '__main__':
    unittest.main()
