"""Demo data of issue 18: the recommendations of 2020-21 (to centres, to the
whole administration from the yearly report), one systemic finding on
Børn & Læring's slow answers, one own-initiative investigation, and a few
current recommendations in every column of the kanban. Fictitious and
consistent with the inquiries of borgerraadgiver_demo.py."""

from contextlib import contextmanager
from datetime import date, timedelta

from odoo import SUPERUSER_ID, api, models

from ..models.municipal_day import municipal_today

# (key, centre, source inquiry subject or None, title, text,
#  sent, state, responded, response)
RECOMMENDATIONS = [
    ("so_feedback", "so", "Ingen tilbagemelding fra hjemmeplejen",
     "Tilbagemelding fra hjemmeplejen inden for fem arbejdsdage",
     "Borgerrådgiveren anbefaler, at hjemmeplejen giver borgere og pårørende "
     "en tilbagemelding på henvendelser inden for fem arbejdsdage, også når "
     "sagen ikke kan afgøres inden da.",
     "2020-10-05", "not_followed", "2020-11-02",
     "Centret følger ikke anbefalingen som en fast frist: hjemmeplejens "
     "planlægning kan ikke sikre en tilbagemelding inden for fem arbejdsdage i "
     "ferieperioder. Centret har i stedet indført en telefontid hver dag, hvor "
     "pårørende kan få status."),
    ("bl_hearing", "bl", "Afgørelse truffet uden partshøring",
     "Partshøring før afgørelser om aflastning",
     "Borgerrådgiveren anbefaler, at centret altid partshører forældrene, før "
     "der træffes afgørelse om aflastning, og noterer partshøringen i sagen.",
     "2020-11-16", "partly_followed", "2020-12-14",
     "Centret har indskærpet partshøring i alle sager om aflastning. En fast "
     "skabelon for notat om partshøring indføres først, når det nye "
     "sagsbehandlingssystem er på plads i 2021."),
    ("bl_receipt", "bl", None,
     "Kvittering med forventet sagsbehandlingstid",
     "Borgerrådgiveren anbefaler, at centret sender en kvittering for hver "
     "ansøgning med den forventede sagsbehandlingstid, og at borgeren får "
     "besked, hvis den ikke kan overholdes.",
     "2021-01-11", "followed", "2021-02-08",
     "Centret sender fra 1. februar 2021 en standardkvittering med den "
     "forventede sagsbehandlingstid på alle ansøgninger."),
    ("tm_building", "tm", "Lang ventetid på byggetilladelse til carport",
     "Orientering om forventet behandlingstid i byggesager",
     "Borgerrådgiveren anbefaler, at byggesagsafdelingen oplyser den aktuelle "
     "behandlingstid på kommunens hjemmeside og i kvitteringen for ansøgningen.",
     "2021-02-15", "followed", "2021-04-20",
     "Den aktuelle behandlingstid står nu på hjemmesiden og opdateres hver "
     "måned."),
    ("all_good_practice", None, None,
     "God forvaltningsskik: frister og svartider",
     "Borgerrådgiveren anbefaler, at alle centre fortsat har fokus på "
     "sagsbehandlingstid, herunder overholdelse af frister og svartider efter "
     "lovgivningen og egne interne regler.",
     "2021-03-22", "followed", "2021-06-01",
     "Direktionen har sat frister og svartider på dagsordenen for alle "
     "centres ledermøder og følger op halvårligt."),
]  # fmt: skip

# Current ones, so that the kanban has cards: (centre, source subject,
# title, text, working days ago sent or None for a draft, days to deadline)
CURRENT_RECOMMENDATIONS = [
    ("am", "Ingen afgørelse om jobafklaringsforløb",
     "Vejledning om jobafklaringsforløb",
     "Borgerrådgiveren anbefaler, at jobcentret skriftligt orienterer borgeren "
     "om forløbets indhold og forventede varighed ved opstart.",
     None, None),
    ("bl", None,
     "Begrundelse i afgørelser om aflastning",
     "Borgerrådgiveren anbefaler, at afgørelser om aflastning altid indeholder "
     "en konkret begrundelse med henvisning til de oplysninger, der er lagt "
     "vægt på.",
     14, 10),
    ("so", None,
     "Klagevejledning i afgørelser om hjælpemidler",
     "Borgerrådgiveren anbefaler, at alle afgørelser om hjælpemidler indeholder "
     "en klagevejledning med klagefrist og adresse.",
     40, -5),
]  # fmt: skip

# B&L's complaints about case-handling time in 2020-21 (category 4.1)
BL_SLOW_ANSWERS = [
    "Lang sagsbehandlingstid på ansøgning om aflastning",
    "Venter stadig på svar om specialundervisning",
    "Sagsbehandlingstid på tabt arbejdsfortjeneste",
    "Ventetid på handleplan for anbragt barn",
    "Ingen svar på ansøgning om merudgifter",
]


class BorgerraadgiverFindingsDemo(models.AbstractModel):
    _name = "borgerraadgiver.findings.demo"
    _description = "Borgerrådgiver Demo Data: Recommendations and Investigations"

    @api.model
    def _load(self):
        if self.env["borgerraadgiver.investigation"].search_count([], limit=1):
            return
        advisor = self.env.ref("borgerraadgiver.user_advisor")
        context = {
            "mail_auto_subscribe_no_notify": True,
            "mail_notify_force_send": False,
        }
        Recommendation = (
            self.env["borgerraadgiver.recommendation"]
            .with_user(advisor)
            .with_context(**context)
        )
        Investigation = (
            self.env["borgerraadgiver.investigation"]
            .with_user(advisor)
            .with_context(**context)
        )
        demo = self.env["borgerraadgiver.demo"]
        systemic = self._systemic_finding(Investigation, demo)
        self._own_initiative(Investigation, demo)
        report = self.env.ref("borgerraadgiver.annual_report_2020_2021")
        for row in RECOMMENDATIONS:
            key, centre, subject, title, text, sent, state, responded, response = row
            values = {
                "name": title,
                "text": text,
                "centre_id": centre and demo._centre(centre).id,
            }
            if subject:
                values["inquiry_id"] = self._inquiry(subject).id
            elif key == "bl_receipt":
                values["investigation_id"] = systemic.id
            elif key == "all_good_practice":
                values["annual_report_id"] = report.id
            recommendation = Recommendation.create(values)
            sent = date.fromisoformat(sent)
            responded = date.fromisoformat(responded)
            with self._step(recommendation, sent, 1):
                recommendation.action_send()
                recommendation.sudo().write(
                    {"date": sent, "deadline": Recommendation._deadline_from(sent)}
                )
                recommendation.activity_ids.sudo().write(
                    {"date_deadline": recommendation.deadline}
                )
            responder = self._responder(recommendation, advisor)
            with self._step(recommendation, responded, 2):
                recommendation.with_user(responder).write(
                    {"response": response, "state": state}
                )
                recommendation.sudo().write({"response_date": responded})
        today = municipal_today(self.env)
        for centre, subject, title, text, ago, deadline in CURRENT_RECOMMENDATIONS:
            values = {
                "name": title,
                "text": text,
                "centre_id": demo._centre(centre).id,
            }
            if subject:
                values["inquiry_id"] = self._inquiry(subject).id
            recommendation = Recommendation.create(values)
            if ago is None:
                continue
            sent = demo._working_day(today - timedelta(days=ago))
            with self._step(recommendation, sent, 1):
                recommendation.action_send()
                due = demo._working_day(today + timedelta(days=deadline))
                recommendation.sudo().write({"date": sent, "deadline": due})
                recommendation.activity_ids.sudo().write({"date_deadline": due})

    @contextmanager
    def _step(self, record, day, step):
        """What the block writes into the chatter of `record` happened on
        `day`, at an office hour (borgerraadgiver_demo.py's)."""
        since = tuple(
            self.env[model].sudo().search([], order="id desc", limit=1).id or 0
            for model in ("mail.message", "mail.activity")
        )
        yield
        self.env.flush_all()
        moment = self.env["borgerraadgiver.demo"]._office_hour(day, record.id, step)
        self.env["mail.message"].sudo().search(
            [
                ("id", ">", since[0]),
                ("model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        ).write({"date": moment})
        self.env["mail.activity"].with_user(SUPERUSER_ID).search(
            [
                ("id", ">", since[1]),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        ).write({"create_date": moment})

    def _inquiry(self, subject):
        return self.env["borgerraadgiver.inquiry"].search(
            [("subject", "=", subject)], limit=1
        )

    def _responder(self, recommendation, advisor):
        """The centre's demo staff answer their own; the advisor registers the
        administration's response."""
        staff = recommendation.sudo().centre_id.user_ids[:1]
        return staff or advisor

    def _systemic_finding(self, Investigation, demo):
        inquiries = self.env["borgerraadgiver.inquiry"].search(
            [("subject", "in", BL_SLOW_ANSWERS)]
        )
        start = date(2020, 10, 12)
        investigation = Investigation.create(
            {
                "name": "Lange svartider i Børn & Læring",
                "kind": "systemic",
                "centre_id": demo._centre("bl").id,
                "date_start": start,
                "inquiry_ids": [(6, 0, inquiries.ids)],
                "plan": "<p>Gennemgang af centrets henvendelser om "
                "sagsbehandlingstid siden januar 2020: hvor lang tid gik der, "
                "og fik borgeren besked undervejs?</p>",
                "chief": "Centerchef for Børn & Læring",
                "measures": "<p>Centret sender kvittering med forventet "
                "sagsbehandlingstid og giver besked, hvis fristen ikke kan "
                "holdes. Ledelsen følger sagsbehandlingstiden månedligt.</p>",
                "findings": "<p>I fem af centrets henvendelser om "
                "sagsbehandlingstid fik borgeren hverken kvittering eller "
                "besked om forsinkelsen.</p>",
                "criticism_id": self.env.ref("borgerraadgiver.criticism_criticism").id,
                "published": True,
            }
        )
        with self._step(investigation, start, 0):
            investigation.action_start()
        with self._step(investigation, date(2021, 3, 1), 3):
            investigation.write({"follow_up_date": date(2021, 6, 1)})
            investigation.action_done()
            investigation.sudo().write({"date_end": date(2021, 3, 1)})
        with self._step(investigation, date(2021, 6, 1), 3):
            investigation.activity_ids.sudo().action_feedback(
                feedback="Opfølgning holdt med centerchefen: kvitteringerne "
                "sendes, og svartiderne er faldet."
            )
        return investigation

    def _own_initiative(self, Investigation, demo):
        start = date(2021, 2, 1)
        today = municipal_today(self.env)
        investigation = Investigation.create(
            {
                "name": "Klagevejledning i kommunens afgørelsesbreve",
                "kind": "own_initiative",
                "date_start": start,
                "plan": "<p>Stikprøve af 40 afgørelsesbreve fra alle centre: "
                "er der klagevejledning, klagefrist og adresse?</p>",
                "published": True,
            }
        )
        with self._step(investigation, start, 0):
            investigation.action_start()
            investigation.write(
                {"follow_up_date": demo._working_day(today + timedelta(days=30))}
            )
        return investigation
