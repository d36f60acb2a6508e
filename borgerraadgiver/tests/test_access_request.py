"""Issue 17, item 6: a citizen's access request (GDPR art. 15), and the access
log over HTTP (item 5): the path the web client's reads are logged with."""

import csv
import io
import zipfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.municipal_day import municipal_today

CITIZEN = "borgerraadgiver.citizen"


@tagged("post_install", "-at_install")
class TestAccessRequest(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="br_test_ar_advisor",
            groups="borgerraadgiver.group_advisor",
            name="Access Request Advisor",
        )
        cls.staff = new_test_user(
            cls.env,
            login="br_test_ar_staff",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.log_admin = new_test_user(
            cls.env,
            login="br_test_ar_admin",
            groups="base.group_user,borgerraadgiver.group_admin",
        )
        cls.centre = cls.env["borgerraadgiver.centre"].create(
            {"name": "Access Centre", "code": "TST-AR", "user_ids": cls.staff.ids}
        )
        cls.karen = cls.citizen("Karen Jensen", "karen@borger.example", "Skolevej 1")
        cls.karen2 = cls.citizen("Karen Jensen", "karen.j@borger.example", "Skolevej 2")
        cls.own = cls.case(cls.karen, "Housing benefit for Skolevej 1")
        cls.other = cls.case(cls.karen2, "Child care place at Skolevej 2")

    @classmethod
    def citizen(cls, name, email, street):
        return cls.env[CITIZEN].create({"name": name, "email": email, "street": street})

    @classmethod
    def case(cls, citizen, subject):
        """A forwarded inquiry of `citizen` with a message and a file."""
        inquiry = (
            cls.env["borgerraadgiver.inquiry"]
            .with_user(cls.advisor)
            .create(
                {
                    "subject": subject,
                    "description": f"Told on the phone: {subject}",
                    "channel": "phone",
                    "received_date": municipal_today(cls.env),
                    "centre_id": cls.centre.id,
                    "category_id": cls.env.ref("borgerraadgiver.category_2").id,
                    "citizen_id": citizen.id,
                    "consent_forwarding": True,
                    "consent_contact_details": True,
                }
            )
        )
        inquiry.action_forward()
        inquiry.message_post(
            body=f"Called back about {subject}",
            attachments=[(f"letter {citizen.street}.txt", subject.encode())],
        )
        return inquiry

    def download(self, citizen_id):
        return self.url_open(
            f"/borgerraadgiver/citizen/{citizen_id}/access_request.zip", timeout=60
        )

    def test_export_holds_exactly_that_citizens_data(self):
        # reads of both citizens' cases, for the log
        self.other.referral_ids.with_user(self.staff).read(["description"])
        self.own.referral_ids.with_user(self.staff).read(["description"])
        self.env.cr.flush()
        action = self.karen.with_user(self.advisor).action_export_access_request()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.authenticate(self.advisor.login, self.advisor.login)
        response = self.download(self.karen.id)
        self.assertEqual(response.status_code, 200)
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        summary = archive.read("indsigt.html").decode()
        self.assertIn(self.own.name, summary)
        self.assertIn("Skolevej 1", summary)
        self.assertIn("Told on the phone: Housing benefit", summary)
        self.assertIn("Called back about Housing benefit", summary)
        self.assertIn(self.own.referral_ids.name, summary)
        for other in (self.other.name, "Skolevej 2", "Child care", "karen.j@"):
            self.assertNotIn(other, summary)
        files = [name for name in archive.namelist() if name.startswith("filer/")]
        self.assertEqual(len(files), 1)
        self.assertIn("Skolevej 1", files[0])
        self.assertEqual(archive.read(files[0]), b"Housing benefit for Skolevej 1")
        rows = list(
            csv.reader(
                io.StringIO(archive.read("adgangslog.csv").decode()), delimiter=";"
            )
        )
        records = {row[2] for row in rows[1:]}
        self.assertIn(self.own.referral_ids.name, records)
        self.assertFalse(
            {self.other.name, self.other.referral_ids.name} & records,
            "no line about the other citizen",
        )
        # the reader's role, not the name
        self.assertNotIn(self.staff.name, archive.read("adgangslog.csv").decode())

    def test_export_is_logged(self):
        self.authenticate(self.advisor.login, self.advisor.login)
        self.download(self.karen.id)
        Log = self.env["borgerraadgiver.access.log"]
        lines = Log.search(
            [("user_id", "=", self.advisor.id), ("method", "=", "access_request")]
        )
        self.assertEqual(
            set(lines.mapped("res_model")),
            {CITIZEN, "borgerraadgiver.inquiry", "borgerraadgiver.referral"},
        )
        self.assertEqual(
            set(lines.mapped("path")),
            {f"/borgerraadgiver/citizen/{self.karen.id}/access_request.zip"},
        )

    @mute_logger("odoo.http")
    def test_nobody_else_gets_an_export(self):
        for user in (self.staff, self.log_admin):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.karen.with_user(user).action_export_access_request()
                self.authenticate(user.login, user.login)
                for citizen_id in (self.karen.id, self.karen2.id, 999999):
                    response = self.download(citizen_id)
                    self.assertEqual(response.status_code, 403)
                    self.assertNotIn(b"Skolevej", response.content)

    def test_web_client_read_is_logged_with_its_path(self):
        """The list of inquiries as the web client asks for it: a read/write
        request (the log is written in it), logged with the route."""
        self.authenticate(self.advisor.login, self.advisor.login)
        route = "/web/dataset/call_kw/borgerraadgiver.inquiry/web_search_read"
        with self.assertNoLogs("odoo.http", level="WARNING"):
            self.make_jsonrpc_request(
                route,
                {
                    "model": "borgerraadgiver.inquiry",
                    "method": "web_search_read",
                    "args": [[("id", "=", self.own.id)], {"subject": {}, "state": {}}],
                    "kwargs": {},
                },
            )
        line = self.env["borgerraadgiver.access.log"].search(
            [("user_id", "=", self.advisor.id), ("res_id", "=", self.own.id)]
        )
        self.assertEqual((line.path, line.field_names), (route, "subject"))
        self.assertEqual(line.ip_address, "127.0.0.1")

    def test_the_administrator_sees_a_read_just_made_through_the_web_client(self):
        """The read is queued when its request commits; the administrator's
        list of the log, a read-only call in Odoo, runs read/write and spreads
        the queue first: the line is there at once."""
        self.authenticate(self.advisor.login, self.advisor.login)
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/borgerraadgiver.inquiry/web_read",
            {
                "model": "borgerraadgiver.inquiry",
                "method": "web_read",
                "args": [[self.other.id], {"description": {}}],
                "kwargs": {},
            },
        )
        self.authenticate(self.log_admin.login, self.log_admin.login)
        model = "borgerraadgiver.access.log"
        with self.assertNoLogs("odoo.http", level="WARNING"):
            result = self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/web_search_read",
                {
                    "model": model,
                    "method": "web_search_read",
                    "args": [
                        [("user_id", "=", self.advisor.id)],
                        {"res_id": {}, "field_names": {}, "method": {}},
                    ],
                    "kwargs": {},
                },
            )
        self.assertIn(
            {"res_id": self.other.id, "field_names": "description", "method": "read"},
            [{k: v for k, v in r.items() if k != "id"} for r in result["records"]],
        )

    def test_the_path_names_what_was_called(self):
        """Found by an attacker: /web/dataset/call_kw/<anything> calls what
        its parameters say, and the log took the path as sent."""
        self.authenticate(self.advisor.login, self.advisor.login)
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/res.partner/name_search",
            {
                "model": CITIZEN,
                "method": "read",
                "args": [[self.karen2.id], ["name"]],
                "kwargs": {},
            },
        )
        line = self.env["borgerraadgiver.access.log"].search(
            [("user_id", "=", self.advisor.id), ("res_id", "=", self.karen2.id)]
        )
        self.assertEqual(line.path, f"/web/dataset/call_kw/{CITIZEN}/read")

    def test_chatter_messages_are_logged(self):
        self.authenticate(self.staff.login, self.staff.login)
        referral = self.own.referral_ids
        self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": referral._name, "thread_id": referral.id},
        )
        line = self.env["borgerraadgiver.access.log"].search(
            [("user_id", "=", self.staff.id), ("method", "=", "messages")]
        )
        self.assertEqual((line.res_id, line.field_names), (referral.id, "message_ids"))
