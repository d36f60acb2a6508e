"""The real trytond server answers JSON-RPC on a fresh database."""
import unittest
import urllib.request

from .server import MODULE, RPCError, ServerTestCase

INQUIRY = f'{MODULE}.inquiry'


class ServerSmokeTestCase(ServerTestCase):
    "trytond with borgerraadgiver activated, on the current backend"

    def test_server_version(self):
        "The server tells its series"
        version = self.server.client().call_root('common.server.version')
        self.assertEqual(version, '8.0')

    def test_module_activated(self):
        "The module is activated in the database"
        client = self.login()
        modules = client.model('ir.module', 'search_read',
            [('name', '=', MODULE)], 0, None, None, ['state'])
        self.assertEqual([m['state'] for m in modules], ['activated'])

    def test_login_and_count(self):
        "admin logs in over JSON-RPC and counts the inquiries"
        client = self.login()
        self.assertIsInstance(client.user_id, int)
        has_inquiry = client.model(
            'ir.model', 'search_count', [('name', '=', INQUIRY)])
        model = INQUIRY if has_inquiry else 'res.user'
        count = client.model(model, 'search_count', [])
        self.assertIsInstance(count, int)
        self.assertGreaterEqual(count, 0 if has_inquiry else 1)

    def test_wrong_password(self):
        "A wrong password gives no session"
        client = self.server.client()
        with self.assertRaises(RPCError):
            client.login('admin', 'not the password')
        self.assertIsNone(client.token)

    def test_no_session(self):
        "Without a session, model calls are refused"
        client = self.server.client()
        with self.assertRaises(RPCError) as cm:
            client.model('res.user', 'search_count', [])
        self.assertEqual(cm.exception.status, 401)

    def test_web_client(self):
        "The web client (sao) is served at /"
        if not self.server.web_root:
            self.skipTest("no web client: make sao")
        with urllib.request.urlopen(self.server.url + '/', timeout=30) as r:
            page = r.read().decode('utf-8')
        self.assertIn('sao', page.lower())


if __name__ == '__main__':
    unittest.main()
