"""Demo data of issue 18: the complaint points of the demo's complaints, with
their outcomes and the advisor's criticism. The inquiries keep their own
classification, so that the tables 3.1-3.4 of the 2020-21 report count as
before; the point tables (§3.6) count these points, and one point for each
handled inquiry without any."""

from odoo import api, models

# subject of the inquiry: [(category code, centre, outcome, criticism)]
# (criticism: the XML id's suffix of data/borgerraadgiver_criticism_data.xml)
POINTS = {
    # 2020
    "Lang sagsbehandlingstid på ansøgning om aflastning": [
        ("4.1", "bl", "upheld", "criticism"),
        ("4.3", "bl", "partly_upheld", "regrettable"),
    ],
    "Lang ventetid på afgørelse om sygedagpenge": [
        ("4.1", "am", "upheld", "criticism"),
    ],
    "Venter stadig på svar om specialundervisning": [
        ("4.1", "bl", "upheld", "sharp"),
        ("4.2", "bl", "not_upheld", "none"),
        ("4.3", "bl", "partly_upheld", "regrettable"),
    ],
    "Forældre ikke inddraget i børnefaglig undersøgelse": [
        ("4.3", "bl", "partly_upheld", "criticism"),
    ],
    "Ingen tilbagemelding fra hjemmeplejen": [
        ("4.6", "so", "not_upheld", "none"),
    ],
    "Lang ventetid på byggetilladelse til carport": [
        ("4.1", "tm", "upheld", "criticism"),
    ],
    "Sagsbehandlingstid på tabt arbejdsfortjeneste": [
        ("4.1", "bl", "upheld", "criticism"),
        # the decision itself: the advisor cannot change it (§1.5)
        ("5", "bl", "not_handled", None),
    ],
    "Afgørelse truffet uden partshøring": [
        ("4.2", "bl", "upheld", "sharp"),
    ],
    # January to mid March 2021
    "Ventetid på handleplan for anbragt barn": [
        ("4.1", "bl", "not_upheld", "none"),
    ],
    "Sagsbehandlingstid på landzonetilladelse": [
        ("4.1", "tm", "not_upheld", "none"),
    ],
    "Klage over afgørelse om kontanthjælp": [
        ("7", "am", "not_handled", None),
    ],
    "Ingen svar på ansøgning om merudgifter": [
        ("4.1", "bl", "upheld", "criticism"),
        ("4.3", "bl", "not_upheld", "none"),
    ],
    "Utilfredshed med kommunikationen fra sagsbehandler": [
        ("4.6", "bl", "partly_upheld", "regrettable"),
        ("4.3", "bl", "not_upheld", "none"),
    ],
    "Venter på svar om separatkloakering": [
        ("4.1", "tm", "upheld", "criticism"),
    ],
    # the current inquiries: the outcomes are not decided yet
    "Ventetid på udredning i PPR": [
        ("4.1", "bl", None, None),
        ("4.3", "bl", None, None),
    ],
    "Manglende begrundelse i afgørelse om aflastning": [
        ("4.2", "bl", None, None),
    ],
}


class BorgerraadgiverDemo(models.AbstractModel):
    _inherit = "borgerraadgiver.demo"

    @api.model
    def _load_points(self):
        """Register the demo's complaint points, unless they are there. As
        the addon (sudo): most of their inquiries are closed."""
        Inquiry = self.env["borgerraadgiver.inquiry"].sudo()
        Point = self.env["borgerraadgiver.inquiry.point"].sudo()
        inquiries = {
            inquiry.subject: inquiry
            for inquiry in Inquiry.search([("subject", "in", list(POINTS))])
        }
        if not inquiries or Point.search_count(
            [("inquiry_id", "in", [i.id for i in inquiries.values()])], limit=1
        ):
            return
        values = []
        for subject, points in POINTS.items():
            inquiry = inquiries.get(subject)
            if not inquiry:
                continue
            for sequence, (code, centre, outcome, criticism) in enumerate(points):
                values.append(
                    {
                        "inquiry_id": inquiry.id,
                        "sequence": 10 * (sequence + 1),
                        **self._classification(centre, code),
                        "outcome": outcome,
                        "criticism_id": criticism
                        and self.env.ref(f"borgerraadgiver.criticism_{criticism}").id,
                    }
                )
        Point.create(values)
