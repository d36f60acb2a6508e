"""Access over JSON-RPC (issue 8, the referrals issue): Odoo's HTTP server
(HttpCase), the demo data, and each centre's demo staff logging in with the
password the README gives them, as an external client would: ``/jsonrpc``,
service ``common`` → ``login``, service ``object`` → ``execute_kw``.

The promise kept explicitly: the demo logins of the README (``advisor``,
``centre``, ``centre-pb`` … ``centre-ohi``, ``manager``) exist with their
passwords and each sees what its role may see.  A user made in the test
checks that a centre's staff list takes effect over RPC at once.
"""

import json

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
ACCESS_ERROR = "odoo.exceptions.AccessError"
STAFF_PASSWORD = "centre-2026"
# Each centre's demo staff and their centre's code
DEMO_STAFF = {
    "centre": "B&L",
    "centre-pb": "P&B",
    "centre-am": "AM",
    "centre-so": "S&O",
    "centre-tm": "T&M",
    "centre-ohi": "ØH&I",
}


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data", {})
        super().__init__(data.get("message") or error.get("message"))
        self.name = data.get("name")


@tagged("post_install", "-at_install")
class TestAccessRpc(HttpCase):
    def call(self, service, method, *args):
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"service": service, "method": method, "args": args},
                    "id": 1,
                }
            ),
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
        response.raise_for_status()
        reply = response.json()
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]

    def login(self, login, password):
        uid = self.call("common", "login", self.env.cr.dbname, login, password)
        self.assertTrue(uid, f"{login} cannot log in")

        def execute(model, method, *args, **kwargs):
            return self.call(
                "object", "execute_kw", self.env.cr.dbname, uid, password,
                model, method, list(args), kwargs,
            )  # fmt: skip

        return execute

    def assertAccessError(self, func, *args, **kwargs):
        with self.assertRaises(RpcError) as refusal:
            func(*args, **kwargs)
        self.assertEqual(refusal.exception.name, ACCESS_ERROR, str(refusal.exception))

    def test_each_centre_sees_and_answers_its_referrals(self):
        advisor = self.login("advisor", "advisor-2026")
        forwarded = advisor(
            INQUIRY, "search_read", [("referral_ids", "!=", False)], fields=["id"]
        )
        self.assertTrue(forwarded, "the demo data has no referral")
        seen = set()
        answered = 0
        for login, code in DEMO_STAFF.items():
            staff = self.login(login, STAFF_PASSWORD)
            expected = sorted(
                advisor(REFERRAL, "search", [("centre_id.code", "=", code)])
            )
            rows = staff(REFERRAL, "search_read", [], fields=["centre_id", "state"])
            self.assertEqual(sorted(row["id"] for row in rows), expected, login)
            seen.update(expected)
            open_ones = [row["id"] for row in rows if row["state"] == "sent"]
            if open_ones:
                staff(
                    REFERRAL,
                    "write",
                    open_ones[:1],
                    {
                        "answer_date": fields.Date.to_string(fields.Date.today()),
                        "answer": "Svaret",
                    },
                )
                [row] = staff(REFERRAL, "read", open_ones[:1], ["state"])
                self.assertEqual(row["state"], "answered", login)
                answered += 1
        self.assertEqual(seen, set(advisor(REFERRAL, "search", [])))
        self.assertTrue(answered, "no centre had a referral waiting for its answer")

    def test_centre_user_gets_access_errors(self):
        advisor = self.login("advisor", "advisor-2026")
        centre = self.login("centre", STAFF_PASSWORD)
        inquiry_ids = advisor(INQUIRY, "search", [], limit=3)
        self.assertTrue(inquiry_ids)
        # no access to inquiries at all
        self.assertAccessError(centre, INQUIRY, "search", [])
        self.assertAccessError(centre, INQUIRY, "read", inquiry_ids, ["subject"])
        self.assertAccessError(
            centre, INQUIRY, "write", inquiry_ids[:1], {"subject": "Changed"}
        )
        self.assertAccessError(centre, INQUIRY, "action_close", inquiry_ids[:1])
        self.assertAccessError(centre, INQUIRY, "create", {"subject": "New"})
        # another centre's referral
        am_ids = advisor(REFERRAL, "search", [("centre_id.code", "=", "AM")], limit=1)
        self.assertTrue(am_ids)
        self.assertAccessError(centre, REFERRAL, "read", am_ids, ["description"])
        self.assertEqual(centre(REFERRAL, "search", [("id", "in", am_ids)]), [])
        # their own: no inquiry behind it, nothing but the answer to write
        [mine] = centre(REFERRAL, "search", [], limit=1)
        self.assertAccessError(centre, REFERRAL, "read", [mine], ["inquiry_id"])
        self.assertAccessError(
            centre, REFERRAL, "write", [mine], {"description": "Rewritten"}
        )

    def test_other_roles_get_access_errors(self):
        manager = self.login("manager", "manager-2026")
        self.assertAccessError(manager, INQUIRY, "search", [])
        self.assertAccessError(manager, INQUIRY, "read", [1], ["subject"])
        # management has centre staff's rights (the roles are a chain): on
        # no centre's staff list, the rule shows it no referral
        self.assertEqual(manager(REFERRAL, "search", []), [])
        advisor = self.login("advisor", "advisor-2026")
        referral_ids = advisor(REFERRAL, "search", [], limit=1)
        self.assertTrue(referral_ids, "the demo data has no referral")
        self.assertAccessError(manager, REFERRAL, "read", referral_ids, ["description"])

    def test_staff_list_takes_effect_over_rpc(self):
        """A user added to a centre sees its referrals at once, and none
        once removed again."""
        user = new_test_user(
            self.env,
            login="br_rpc_staff",
            password="br-rpc-staff-2026",
            groups="borgerraadgiver.group_centre_staff",
        )
        centre = self.env["borgerraadgiver.centre"].search([("code", "=", "AM")])
        theirs = self.env[REFERRAL].search([("centre_id", "=", centre.id)])
        self.assertTrue(theirs)
        staff = self.login("br_rpc_staff", "br-rpc-staff-2026")
        self.assertEqual(staff(REFERRAL, "search", []), [])
        centre.user_ids |= user
        self.assertEqual(sorted(staff(REFERRAL, "search", [])), sorted(theirs.ids))
        centre.user_ids -= user
        self.assertEqual(staff(REFERRAL, "search", []), [])
        self.assertAccessError(staff, REFERRAL, "read", theirs[:1].ids, ["state"])
