"""Two advisors saving the same inquiry (issue 19, item 5), through the
JSON-RPC route the web client saves a form with (``web_save``), with the
context its inquiry form sends (static/src/views/inquiry_form.js): the
values of the changed fields as the form loaded them.

- different fields: both changes are kept (the form sends only the fields it
  changed);
- the same field: the second save is refused with a Danish message naming
  the colleague and the field, and the first change stays;
- the tour: the form in the browser sends what the server needs to refuse.

tests/test_workers.py makes the two saves at the same moment against two
worker processes.
"""

import json

from odoo.tests import HttpCase, new_test_user, tagged

from .test_tours import load_danish

INQUIRY = "borgerraadgiver.inquiry"
# As in static/tests/tours/borgerraadgiver_concurrent_tour.js
COLLEAGUE_SUBJECT = "Kollegaens emne"
OWN_SUBJECT = "Mit emne"


@tagged("post_install", "-at_install")
class TestConcurrentEdits(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_danish(cls.env)
        cls.anna, cls.bo = (
            new_test_user(
                cls.env,
                login=login,
                name=name,
                groups="borgerraadgiver.group_advisor",
                lang="da_DK",
                tz="Europe/Copenhagen",
            )
            for login, name in (("br_anna", "Anna Advisor"), ("br_bo", "Bo Advisor"))
        )
        cls.inquiry = cls.env[INQUIRY].create(
            {
                "subject": "Venter på svar",
                "description": "Borgeren ringede.",
                "channel": "phone",
                "category_id": cls.env.ref("borgerraadgiver.category_2").id,
            }
        )

    def save(self, user, vals, loaded):
        """`user` saves the form that loaded `loaded`: the web client's call."""
        self.authenticate(user.login, user.login)
        response = self.url_open(
            f"/web/dataset/call_kw/{INQUIRY}/web_save",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": INQUIRY,
                        "method": "web_save",
                        "args": [[self.inquiry.id], vals],
                        "kwargs": {
                            "context": {
                                "lang": "da_DK",
                                "borgerraadgiver_loaded_values": loaded,
                            },
                            "specification": {"subject": {}},
                        },
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        return response.json()

    def as_loaded(self, *names):
        return {name: self.inquiry[name] for name in names}

    def test_different_fields_both_kept(self):
        anna_form = self.as_loaded("subject", "description")
        bo_form = dict(anna_form)
        self.assertIn(
            "result", self.save(self.anna, {"subject": "Annas emne"}, anna_form)
        )
        reply = self.save(
            self.bo,
            {"description": "Bos noter"},
            {"description": bo_form["description"]},
        )
        self.assertIn("result", reply)
        self.inquiry.invalidate_recordset()
        self.assertEqual(self.inquiry.subject, "Annas emne")
        self.assertEqual(self.inquiry.description, "Bos noter")

    def test_same_field_second_save_refused(self):
        category_4 = self.env.ref("borgerraadgiver.category_4")
        category_5 = self.env.ref("borgerraadgiver.category_5")
        loaded = {
            "subject": self.inquiry.subject,
            "category_id": self.inquiry.category_id.id,
        }
        self.assertIn(
            "result",
            self.save(
                self.anna,
                {"subject": "Annas emne", "category_id": category_4.id},
                loaded,
            ),
        )
        reply = self.save(
            self.bo, {"subject": "Bos emne", "category_id": category_5.id}, loaded
        )
        error = reply["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn(
            "er ændret af Anna Advisor, efter du åbnede den", error["message"]
        )
        self.assertIn("(Kategori, Emne)", error["message"])
        self.assertIn("Genindlæs siden", error["message"])
        self.inquiry.invalidate_recordset()
        self.assertEqual(self.inquiry.subject, "Annas emne")
        self.assertEqual(self.inquiry.category_id, category_4)
        # reloaded, Bo's change goes through
        reply = self.save(self.bo, {"subject": "Bos emne"}, self.as_loaded("subject"))
        self.assertEqual(reply["result"][0]["subject"], "Bos emne")

    def test_same_value_by_both_is_no_conflict(self):
        loaded = {"subject": self.inquiry.subject}
        self.assertIn("result", self.save(self.anna, {"subject": "Samme emne"}, loaded))
        self.assertIn("result", self.save(self.bo, {"subject": "Samme emne"}, loaded))

    def test_form_refuses_to_overwrite_in_the_browser(self):
        self.start_tour(
            f"/odoo/{INQUIRY}/{self.inquiry.id}",
            "borgerraadgiver_concurrent_edit",
            login=self.anna.login,
        )
        self.inquiry.invalidate_recordset()
        self.assertEqual(self.inquiry.subject, COLLEAGUE_SUBJECT)
