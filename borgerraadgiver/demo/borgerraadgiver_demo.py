"""Demo data: the 33 inquiries of Stevns Kommune's report for 1 January 2020
to 15 March 2021, distributed exactly as its tables 3.1-3.4, a few current
inquiries in every stage, and the little supervision and teaching covid-19
allowed in 2020 (§3.5). Some citizens come back: four of the report's
inquiries continue an earlier one, with the advisor's reassessment (§1.3).
Beside the inquiries, the calls and other contacts that never became one are
counted (issue 18). The citizens are fictitious."""

import random
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, api, fields, models

from ..models.municipal_day import municipal_today, municipal_tz

# (received, channel, centre, category, resolution, subject, reason)
# resolution 'forwarded' follows path 3 to the centre's answer.
REPORT_INQUIRIES = [
    # 1st quarter 2020: 5 inquiries, 1 misdirected
    ("2020-01-09", "phone", "so", "1", "misdirected",
     "Ansøgning om tandbehandling sendt til borgerrådgiveren", None),
    ("2020-01-21", "email", "bl", "4.1", "forwarded",
     "Lang sagsbehandlingstid på ansøgning om aflastning", None),
    ("2020-02-04", "phone", "bl", "6", "explained",
     "Utilfredshed med skolebuskørslen", None),
    ("2020-02-18", "letter", "so", "3", "explained",
     "Klagefrist på afgørelse om hjemmehjælp", None),
    ("2020-03-03", "phone", "ohi", "1", "referred",
     "Spørgsmål om ejendomsskat og betalingsaftale", None),
    # 3rd quarter 2020: 9 inquiries
    ("2020-07-02", "email", "am", "4.1", "forwarded",
     "Lang ventetid på afgørelse om sygedagpenge", None),
    ("2020-07-14", "meeting", "bl", "4.1", "forwarded",
     "Venter stadig på svar om specialundervisning", None),
    ("2020-08-05", "phone", "bl", "4.3", "forwarded",
     "Forældre ikke inddraget i børnefaglig undersøgelse", None),
    ("2020-08-11", "phone", "bl", "6", "explained",
     "Skoleskift midt i skoleåret", None),
    ("2020-08-20", "phone", "so", "1", "referred",
     "Hvor søger man om plejebolig?", None),
    ("2020-08-27", "email", "so", "3", "explained",
     "Hvordan klager man over afgørelse om hjælpemidler?", None),
    ("2020-09-03", "letter", "so", "4.6", "forwarded",
     "Ingen tilbagemelding fra hjemmeplejen", None),
    ("2020-09-15", "email", "tm", "4.1", "forwarded",
     "Lang ventetid på byggetilladelse til carport", None),
    ("2020-09-29", "phone", "tm", "1", "referred",
     "Hvem sørger for vejbelysning på privat fællesvej?", None),
    # 4th quarter 2020: 5 inquiries
    ("2020-10-06", "email", "bl", "4.1", "forwarded",
     "Sagsbehandlingstid på tabt arbejdsfortjeneste", None),
    ("2020-10-22", "letter", "bl", "4.2", "forwarded",
     "Afgørelse truffet uden partshøring", None),
    ("2020-11-10", "phone", "bl", "6", "referred",
     "Ønske om møde med PPR", None),
    ("2020-11-24", "phone", "so", "1", "referred",
     "Kontakt til genoptræning efter hospitalsophold", None),
    ("2020-12-08", "email", "so", "7", "rejected",
     "Klage over serviceniveauet for rengøring", "service_level"),
    # January to mid March 2021: 14 inquiries, 2 misdirected
    ("2021-01-05", "digital_post", "so", "1", "misdirected",
     "Flytteanmodning til ældrebolig", None),
    ("2021-01-12", "phone", "am", "1", "referred",
     "Hvem behandler ansøgning om fleksjob?", None),
    ("2021-01-19", "email", "bl", "4.1", "forwarded",
     "Ventetid på handleplan for anbragt barn", None),
    ("2021-01-26", "phone", "bl", "1", "referred",
     "Hvem kan hjælpe med visitation til SFO?", None),
    ("2021-02-02", "web", "bl", "1", "misdirected",
     "Opskrivning til pladstilbud i dagtilbud", None),
    ("2021-02-04", "email", "tm", "4.1", "forwarded",
     "Sagsbehandlingstid på landzonetilladelse", None),
    ("2021-02-09", "phone", "am", "1", "referred",
     "Kontakt til jobcentret om ressourceforløb", None),
    ("2021-02-16", "letter", "am", "7", "rejected",
     "Klage over afgørelse om kontanthjælp", "appeals_body"),
    ("2021-02-23", "email", "bl", "4.1", "forwarded",
     "Ingen svar på ansøgning om merudgifter", None),
    ("2021-02-25", "phone", "am", "6", "explained",
     "Spørgsmål om befordring til aktivering", None),
    ("2021-03-02", "meeting", "bl", "4.6", "forwarded",
     "Utilfredshed med kommunikationen fra sagsbehandler", None),
    ("2021-03-04", "email", "tm", "4.1", "forwarded",
     "Venter på svar om separatkloakering", None),
    ("2021-03-09", "phone", "bl", "6", "explained",
     "Nødundervisning under nedlukningen", None),
    ("2021-03-12", "letter", "pb", "7", "rejected",
     "Klage over en medarbejders ansættelsesforhold", "personnel"),
]  # fmt: skip

# Citizens who come back (issue 18): {number of the report's inquiry: (number
# of the earlier inquiry it continues, reassessment, the advisor's note)};
# the same family with a disabled child three times about Børn & Læring's
# case-handling time, a parent about school transport, and a citizen of the
# home care whose second complaint is about the political service level.
CONTINUATIONS = {
    14: (1, "further_help",
         "Familien vender tilbage: efter aflastningen venter de nu på afgørelse "
         "om tabt arbejdsfortjeneste. Centret har ikke holdt sin svarfrist; "
         "sagen videregives igen."),
    15: (2, "further_help",
         "Borgeren kommer tilbage om skolekørslen: afgørelsen er truffet uden "
         "partshøring. Klagen videregives til centret."),
    18: (11, "no_prospect",
         "Borgeren kommer tilbage om hjemmeplejen, nu om omfanget af "
         "rengøringen. Serviceniveauet er politisk fastlagt (§1.5): ingen udsigt "
         "til at hjælpe yderligere end vejledning om klageadgangen."),
    27: (14, "further_help",
         "Tredje henvendelse fra familien om sagsbehandlingstiden. Sagen "
         "videregives igen, og mønsteret tages op med centerchefen."),
}  # fmt: skip
# {number of the report's inquiry: number of the citizen} where it is not the
# turn of the thirteen (the citizen of inquiry 11 comes back in 18)
CITIZEN_OF = {18: 11}

# Counted-only contacts (issue 18): (first day, last day, count) of the
# report's quarters, about nine for every inquiry, few during the spring
# 2020 lockdown; drawn on working days, deterministically (CONTACT_SEED)
REPORT_CONTACTS = [
    ("2020-01-01", "2020-03-31", 66),
    ("2020-04-01", "2020-06-30", 21),
    ("2020-07-01", "2020-09-30", 78),
    ("2020-10-01", "2020-12-31", 70),
    ("2021-01-01", "2021-03-15", 61),
]
# and in the last 30 days
CURRENT_CONTACTS = 24
CONTACT_SEED = 2020
# (value, weight): mostly calls, asking the way (category 1) or about rules
CONTACT_CHANNELS = [("phone", 14), ("email", 4), ("in_person", 1), ("web", 1)]
CONTACT_CENTRES = [("pb", 1), ("am", 5), ("bl", 8), ("so", 9), ("tm", 4), ("ohi", 3)]
CONTACT_CATEGORIES = [("1", 10), ("2", 3), ("3", 4), ("6", 3)]

# Inquiries of the last weeks, so that every stage of the kanban has cards:
# (days ago, channel, centre, category, state, subject, days to the deadline)
CURRENT_INQUIRIES = [
    (0, "phone", None, None, "draft",
     "Spørgsmål om egenbetaling for madservice", None),
    (1, "email", "tm", "1", "draft",
     "Hvem rydder sne på stien ved skolen?", None),
    (3, "meeting", "bl", "4.1", "open",
     "Ventetid på udredning i PPR", None),
    (20, "email", "bl", "4.2", "forwarded",
     "Manglende begrundelse i afgørelse om aflastning", -6),
    (5, "letter", "am", "4.1", "forwarded",
     "Ingen afgørelse om jobafklaringsforløb", 9),
    (12, "phone", "so", "3", "closed",
     "Hvordan får man aktindsigt i sin sag?", None),
]  # fmt: skip

# This year's supervision and teaching, so that the current year's report
# and dashboard have some: (days ago, kind, centre, topic, hours, participants)
CURRENT_SUPERVISIONS = [
    (40, "supervision", "am",
     "Vejledningspligt ved jobafklaringsforløb", 1, 2),
    (15, "teaching", None,
     "Klar og forståelig sprogbrug i afgørelser", 2, 18),
]  # fmt: skip

# (date, kind, centre or None for all centres, topic, hours, participants)
SUPERVISIONS = [
    ("2020-02-12", "supervision", "bl",
     "Partshøring før afgørelse om aflastning", 1, 1),
    ("2020-06-17", "supervision", "so",
     "Begrundelse af afgørelser om hjemmehjælp", 1.5, 1),
    ("2020-09-23", "supervision", "bl",
     "Notatpligt og aktindsigt i børnesager", 1, 1),
    ("2020-10-28", "teaching", "so",
     "Forvaltningsret i praksis for visitatorer", 3, 6),
    ("2020-12-02", "teaching", None,
     "God forvaltningsskik og sagsbehandlingstid", 2, 24),
]  # fmt: skip

# Calendar days from the forwarding to the centre's answer of the forwarded
# report inquiries, in their order: most within the deadline of ten working
# days, some late, for the sheet "Svartider".
ANSWER_DAYS = [10, 6, 15, 8, 21, 12, 9, 27, 5, 13, 18, 7, 11]

# What the citizen told the advisor (the forward wizard offers it to the centre)
DESCRIPTION = (
    "Borgeren henvender sig om: {subject}. Borgeren har forsøgt at få svar fra "
    "centret og beder om, at sagen bliver set på igen."
)
CENTRE_ANSWER = (
    "Centret har skrevet til borgeren med en beklagelse og en forventet dato "
    "for afgørelsen."
)

# The steps of an inquiry, in the order they happen on one day: the chatter
# of each is dated its day, at an office hour (_office_hour)
RECEIVED, OPENED, ANSWERED, CLOSED = range(4)
FORWARDED = OPENED  # a forward opens the inquiry on the way


class BorgerraadgiverDemo(models.AbstractModel):
    _name = "borgerraadgiver.demo"
    _description = "Borgerrådgiver Demo Data"

    @api.model
    def _load(self):
        """Load the demo inquiries and supervision, unless they are there."""
        if self.env["borgerraadgiver.supervision"].search_count(
            [("topic", "=", SUPERVISIONS[0][3])], limit=1
        ):
            return
        advisor = self.env.ref("borgerraadgiver.user_advisor")
        inquiries = (
            self.env["borgerraadgiver.inquiry"]
            .with_user(advisor)
            .with_context(
                mail_auto_subscribe_no_notify=True,
                mail_notrack=False,
                # queued, not sent while the demo loads
                mail_notify_force_send=False,
            )
        )
        citizens = self._citizens()
        # the Danish holidays of the report's years, for the working days
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        calendar._borgerraadgiver_sync_holidays(
            sorted({int(row[0][:4]) for row in REPORT_INQUIRIES})
        )
        answer_days = iter(ANSWER_DAYS)
        report = []
        for number, row in enumerate(REPORT_INQUIRIES):
            report.append(
                self._report_inquiry(
                    inquiries, number, row, citizens, answer_days, report
                )
            )
        rng = random.Random(CONTACT_SEED)
        self._contacts(advisor, rng, REPORT_CONTACTS)
        today = municipal_today(self.env)
        calendar._borgerraadgiver_sync_holidays([today.year - 1, today.year])
        last_month = (today - timedelta(days=30)).isoformat()
        self._contacts(
            advisor, rng, [(last_month, today.isoformat(), CURRENT_CONTACTS)]
        )
        for number, row in enumerate(CURRENT_INQUIRIES):
            self._current_inquiry(inquiries, number, row, citizens, today)
        current = [
            (self._working_day(today - timedelta(days=days)), *rest)
            for days, *rest in CURRENT_SUPERVISIONS
        ]
        self.env["borgerraadgiver.supervision"].create(
            [
                {
                    "date": day,
                    "kind": kind,
                    "centre_id": centre and self._centre(centre).id,
                    "topic": topic,
                    "hours": hours,
                    "participants": participants,
                }
                for day, kind, centre, topic, hours, participants in SUPERVISIONS
                + current
            ]
        )

    def _working_day(self, day):
        """`day`, or the working day before it (a weekend, a holiday)."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        working = calendar._borgerraadgiver_working_dates(day - timedelta(days=7), day)
        return working[-1] if working else day

    def _citizens(self):
        citizens = self.env["borgerraadgiver.citizen"]
        for number in range(1, 13):
            citizens |= self.env.ref(f"borgerraadgiver.citizen_{number:02d}")
        # every thirteenth inquiry is anonymous
        return list(citizens) + [citizens.browse()]

    def _centre(self, key):
        return self.env.ref(f"borgerraadgiver.centre_{key}")

    def _classification(self, centre, code):
        values = {"centre_id": centre and self._centre(centre).id}
        if code:
            main = code.split(".")[0]
            values["category_id"] = self.env.ref(f"borgerraadgiver.category_{main}").id
            if main != code:
                values["subcategory_id"] = self.env.ref(
                    "borgerraadgiver.category_" + code.replace(".", "_")
                ).id
        return values

    def _report_inquiry(self, inquiries, number, row, citizens, answer_days, earlier):
        received, channel, centre, code, resolution, subject, reason = row
        received = date.fromisoformat(received)
        citizen = citizens[CITIZEN_OF.get(number, number % len(citizens))]
        inquiry = inquiries.create(
            {
                "received_date": received,
                "channel": channel,
                "citizen_id": citizen.id,
                **self._continuation(number, received, earlier),
                "subject": subject,
                "description": DESCRIPTION.format(subject=subject.lower()),
                "formal_contact": code.startswith("4") or number % 3 == 0,
                "event_date": code.startswith("4") and received - timedelta(days=45),
                **self._classification(centre, code),
            }
        )
        self._date_chatter(inquiry, received, RECEIVED)
        closed = received + timedelta(days=1)
        if resolution == "forwarded":
            forwarded = received + timedelta(days=2)
            with self._step(inquiry, forwarded, FORWARDED):
                self._forward(inquiry, forwarded, share=number % 4 != 3)
            answered = forwarded + timedelta(days=next(answer_days))
            with self._step(inquiry, answered, ANSWERED):
                inquiry.write(
                    {"centre_answer_date": answered, "centre_answer": CENTRE_ANSWER}
                )
            closed = answered + timedelta(days=2)
        with self._step(inquiry, closed, CLOSED):
            if resolution != "forwarded":
                inquiry.write({"resolution": resolution, "out_of_scope_reason": reason})
            inquiry.action_close()
            inquiry.sudo().write({"closed_date": closed})
        return inquiry

    def _continuation(self, number, received, earlier):
        """The earlier inquiry `number` continues and the advisor's
        reassessment on the day the citizen came back, if it is one."""
        if number not in CONTINUATIONS:
            return {}
        previous, reassessment, note = CONTINUATIONS[number]
        return {
            "previous_inquiry_id": earlier[previous].id,
            "reassessment": reassessment,
            "reassessment_date": received,
            "reassessment_note": note,
        }

    def _contacts(self, advisor, rng, periods):
        """The counted-only contacts of `periods` [(first day, last day,
        count)], on working days, drawn by `rng`."""
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()

        def draw(weighted):
            values, weights = zip(*weighted, strict=True)
            return rng.choices(values, weights)[0]

        values = []
        for start, end, count in periods:
            days = calendar._borgerraadgiver_working_dates(
                date.fromisoformat(start), date.fromisoformat(end)
            )
            for _index in range(count):
                code = draw(CONTACT_CATEGORIES)
                values.append(
                    {
                        "date": rng.choice(days),
                        "channel": draw(CONTACT_CHANNELS),
                        "centre_id": self._centre(draw(CONTACT_CENTRES)).id,
                        "category_id": self.env.ref(
                            f"borgerraadgiver.category_{code}"
                        ).id,
                    }
                )
        self.env["borgerraadgiver.contact"].with_user(advisor).create(values)

    def _current_inquiry(self, inquiries, number, row, citizens, today):
        days, channel, centre, code, state, subject, deadline = row
        received = self._working_day(today - timedelta(days=days))
        inquiry = inquiries.create(
            {
                "received_date": received,
                "channel": channel,
                "citizen_id": citizens[(number * 5) % len(citizens)].id,
                "subject": subject,
                "description": DESCRIPTION.format(subject=subject.lower()),
                **self._classification(centre, code),
            }
        )
        self._date_chatter(inquiry, received, RECEIVED)
        if state == "open":
            with self._step(inquiry, received, OPENED):
                inquiry.action_open()
        elif state == "forwarded":
            forwarded = self._working_day(received + timedelta(days=1))
            deadline = self._working_day(today + timedelta(days=deadline))
            with self._step(inquiry, forwarded, FORWARDED):
                self._forward(
                    inquiry,
                    forwarded,
                    (deadline - forwarded).days,
                    share=number % 2 == 1,
                )
        elif state == "closed":
            # explained to the citizen on the next working day
            calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
            closed = min(calendar._borgerraadgiver_add_working_days(received, 1), today)
            with self._step(inquiry, closed, CLOSED):
                inquiry.write({"resolution": "explained"})
                inquiry.action_close()
                inquiry.sudo().write({"closed_date": closed})

    def _forward(self, inquiry, forwarded, deadline_days=None, share=True):
        """Forward on the day `forwarded`, with the deadline `deadline_days`
        calendar days later, or the centre's deadline in working days. The
        citizen consented to the forward when the inquiry was received, and
        to the centre getting their contact details if `share`."""
        inquiry.action_open()
        inquiry.write(
            {
                "consent_forwarding": True,
                "consent_contact_details": share,
                "consent_date": inquiry.received_date,
                "consent_channel": inquiry.channel
                if inquiry.channel in ("phone", "email", "letter", "meeting")
                else "phone",
            }
        )
        inquiry.action_forward()
        if deadline_days is None:
            deadline = inquiry._centre_deadline_from(forwarded)
        else:
            deadline = forwarded + timedelta(days=deadline_days)
        inquiry.sudo().write({"forwarded_date": forwarded, "centre_deadline": deadline})

    # ------------------------------------------------------------------
    # The chatter dated as the demo's story, not at install
    # ------------------------------------------------------------------

    @contextmanager
    def _step(self, inquiry, day, step):
        """What the block writes into the chatter of `inquiry` and of its
        referrals happened on `day`, at the step's office hour."""
        since = tuple(
            self.env[model].sudo().search([], order="id desc", limit=1).id or 0
            for model in ("mail.message", "mail.activity")
        )
        yield
        self._date_chatter(inquiry, day, step, since)

    def _date_chatter(self, inquiry, day, step, since=(0, 0)):
        """Date the messages (with their tracking) and activities of
        `inquiry` and its referrals newer than the ids `since` on `day`, at
        the step's office hour."""
        # the step's tracking now, as if each step were a transaction of its
        # own: within one, Odoo tracks nothing of a record created in it
        self.env.cr.flush()
        moment = self._office_hour(day, inquiry.id, step)
        referrals = inquiry.sudo().referral_ids

        def in_chatter(model):
            return [
                "|",
                "&",
                (model, "=", inquiry._name),
                ("res_id", "=", inquiry.id),
                "&",
                (model, "=", referrals._name),
                ("res_id", "in", referrals.ids),
            ]

        self.env["mail.message"].sudo().search(
            [("id", ">", since[0])] + in_chatter("model")
        ).write({"date": moment})
        # create_date is written only by the superuser while the registry
        # loads, as it does when the demo data is installed
        self.env["mail.activity"].with_user(SUPERUSER_ID).search(
            [("id", ">", since[1])] + in_chatter("res_model")
        ).write({"create_date": moment})

    def _office_hour(self, day, number, step):
        """A moment of `day` between 9:30 and 14:00 in the municipality, the
        later steps of an inquiry later, varying a little from inquiry to
        inquiry; in UTC as Odoo stores it, and never after now."""
        minutes = 9 * 60 + 30 + 60 * step + (number * 17) % 50
        local = datetime.combine(day, time(minutes // 60, minutes % 60))
        moment = (
            municipal_tz(self.env)
            .localize(local)
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        return min(moment, fields.Datetime.now())
