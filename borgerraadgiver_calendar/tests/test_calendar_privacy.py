from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

INQUIRY = "borgerraadgiver.inquiry"


@tagged("post_install", "-at_install")
class TestCalendarPrivacy(TransactionCase):
    """A meeting planned from an inquiry is private: its name, description,
    document and attendees are the organizer's and the attendees' only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env,
            login="br_cal_advisor",
            email="cal.advisor@stevns.example",
            groups="borgerraadgiver.group_advisor",
        )
        cls.staff = new_test_user(
            cls.env,
            login="br_cal_staff",
            email="cal.staff@stevns.example",
            groups="borgerraadgiver.group_centre_staff",
        )
        cls.employee = new_test_user(
            cls.env,
            login="br_cal_employee",
            email="cal.clerk@stevns.example",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.citizen = cls.env["res.partner"].create(
            {"name": "Karl Kalenderborger", "email": "karl@borger.example"}
        )
        cls.inquiry = (
            cls.env[INQUIRY]
            .with_user(cls.advisor)
            .create({"subject": "Meeting about the decision"})
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        cls.event_values = {
            "name": "Meeting with Karl Kalenderborger",
            "description": "<p>The citizen's complaint</p>",
            "start": start,
            "stop": start + timedelta(hours=1),
            "partner_ids": [Command.set((cls.advisor.partner_id | cls.citizen).ids)],
        }

    def plan_meeting(self):
        """The advisor's *Schedule meeting* from an activity of the inquiry."""
        activity = self.inquiry.activity_schedule(
            "mail.mail_activity_data_meeting", user_id=self.advisor.id
        )
        # the activity widget of the inquiry's form passes the document
        action = (
            activity.with_user(self.advisor)
            .with_context(default_res_model=INQUIRY, default_res_id=self.inquiry.id)
            .action_create_calendar_event()
        )
        Event = self.env["calendar.event"].with_user(self.advisor)
        return Event.with_context(**action["context"]).create(dict(self.event_values))

    def test_meeting_of_an_inquiry_is_private(self):
        event = self.plan_meeting()
        self.assertEqual(event.res_model, INQUIRY)
        self.assertEqual(event.res_id, self.inquiry.id)
        self.assertEqual(event.privacy, "private")
        # the organizer may not make it public
        event.write({"privacy": "public"})
        self.assertEqual(event.privacy, "private")
        for user in (self.staff, self.employee, self.admin):
            Event = self.env["calendar.event"].with_user(user)
            Attendee = self.env["calendar.attendee"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(Event.search([("id", "=", event.id)]))
                self.assertFalse(Event.search([("name", "ilike", "Kalenderborger")]))
                self.assertFalse(Event.search([("res_model", "=", INQUIRY)]))
                self.assertFalse(Attendee.search([("event_id", "=", event.id)]))
                self.assertFalse(
                    Attendee.search([("partner_id", "=", self.citizen.id)])
                )
                with mute_logger("odoo.addons.base.models.ir_rule"):
                    with self.assertRaises(AccessError):
                        event.with_user(user).read(["name", "res_id", "description"])
                    with self.assertRaises(AccessError):
                        event.attendee_ids.with_user(user).read(["partner_id"])
        # the organizer and the attendees see it
        self.assertEqual(event.with_user(self.advisor).name, event.name)
        attendee = new_test_user(
            self.env, login="br_cal_attendee", groups="base.group_user"
        )
        event.partner_ids = [Command.link(attendee.partner_id.id)]
        self.assertEqual(
            event.with_user(attendee).read(["name"])[0]["name"],
            "Meeting with Karl Kalenderborger",
        )

    def test_other_meetings_are_left_alone(self):
        Event = self.env["calendar.event"].with_user(self.employee)
        event = Event.create({**self.event_values, "name": "Budget meeting"})
        self.assertFalse(event.privacy)
        for user in (self.staff, self.advisor):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.env["calendar.event"]
                    .with_user(user)
                    .search([("id", "=", event.id)]),
                    event,
                )
                self.assertEqual(event.with_user(user).name, "Budget meeting")
                self.assertTrue(
                    self.env["calendar.attendee"]
                    .with_user(user)
                    .search([("event_id", "=", event.id)])
                )
        partner_event = Event.create(
            {
                **self.event_values,
                "name": "Supplier visit",
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.citizen.id,
            }
        )
        self.assertFalse(partner_event.privacy)
        self.assertEqual(
            self.env["calendar.event"]
            .with_user(self.staff)
            .search([("id", "=", partner_event.id)]),
            partner_event,
        )

    def test_a_citizens_mail_contact_is_invited_only_by_the_advisor(self):
        """Found by an attacker: on a meeting of her own, any user added a
        citizen's mail contact (hidden from all but the advisor) as an
        attendee line, and read its name, e-mail and phone from the line
        (calendar.attendee copies them as superuser)."""
        contact = (
            self.env["borgerraadgiver.citizen"]
            .create({"name": "Karen Mødeborger", "email": "karen.m@borger.example"})
            ._get_mail_partner()
        )
        for user in (self.staff, self.employee):
            with self.subTest(user=user.login):
                event = (
                    self.env["calendar.event"]
                    .with_user(user)
                    .create(dict(self.event_values, partner_ids=[]))
                )
                Attendee = self.env["calendar.attendee"].with_user(user)
                with self.assertRaises(AccessError):
                    Attendee.create({"event_id": event.id, "partner_id": contact.id})
                own = Attendee.create(
                    {"event_id": event.id, "partner_id": user.partner_id.id}
                )
                with self.assertRaises(AccessError):
                    own.write({"partner_id": contact.id})
                self.assertNotIn(
                    "Karen Mødeborger",
                    str(Attendee.search_read([("event_id", "=", event.id)])),
                )

    def test_a_meeting_with_a_citizen_booked_in_the_calendar_is_private(self):
        """Found by an attacker: a meeting the advisor booked with a citizen
        straight in the calendar (no inquiry) was a public meeting, and any
        internal user read the citizen's name and e-mail from its attendee
        line (copied there as superuser). Such a meeting is private, and the
        citizen's line is the advisor's, the organizer's and the attendees'."""
        contact = (
            self.env["borgerraadgiver.citizen"]
            .create({"name": "Kirsten Kalender", "email": "kirsten@borger.example"})
            ._get_mail_partner()
        )
        event = (
            self.env["calendar.event"]
            .with_user(self.advisor)
            .create(
                dict(
                    self.event_values,
                    name="Møde",
                    partner_ids=[
                        Command.set(
                            (self.advisor.partner_id | self.staff.partner_id).ids
                            + contact.ids
                        )
                    ],
                )
            )
        )
        self.assertEqual(event.privacy, "private")
        line = event.attendee_ids.filtered(lambda a: a.partner_id == contact)
        self.assertEqual(line.sudo().email, "kirsten@borger.example")
        for user in (self.employee, self.admin):
            with self.subTest(user=user.login):
                Attendee = self.env["calendar.attendee"].with_user(user)
                self.assertFalse(
                    Attendee.search([("email", "ilike", "kirsten@borger")])
                )
                self.assertFalse(Attendee.search([("partner_id", "=", contact.id)]))
                with (
                    self.assertRaises(AccessError),
                    mute_logger("odoo.addons.base.models.ir_rule"),
                ):
                    line.with_user(user).read(["common_name", "email"])
        # the attendees meet the citizen: they see whom
        self.assertEqual(line.with_user(self.staff).common_name, "Kirsten Kalender")
        self.assertEqual(line.with_user(self.advisor).email, "kirsten@borger.example")
        # a meeting made public again by a later write of its attendees is not
        other = (
            self.env["calendar.event"]
            .with_user(self.advisor)
            .create(dict(self.event_values, name="Andet møde", partner_ids=[]))
        )
        self.assertNotEqual(other.privacy, "private")
        other.write({"partner_ids": [Command.link(contact.id)]})
        self.assertEqual(other.privacy, "private")
