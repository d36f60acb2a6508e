from odoo.tests import tagged

from .report_common import ReportCase, d, pdf_text, read_table, render_workbook, sheet
from .spec_tables import PERIOD


@tagged("post_install", "-at_install")
class TestAnnualReport(ReportCase):
    def test_conclusion_written_from_figures(self):
        report = self.create_report(*PERIOD)
        self.assertEqual(
            (
                report.inquiry_count,
                report.handled_count,
                report.complaint_count,
                report.handling_time_count,
            ),
            (33, 30, 13, 9),
        )
        paragraphs = report._conclusion_paragraphs()
        self.assertEqual(len(paragraphs), 2)
        self.assertIn("33", paragraphs[0])
        self.assertIn("30", paragraphs[0])
        self.assertIn("13", paragraphs[1])
        self.assertIn("9", paragraphs[1])
        # editable, kept until the period changes
        # the advisor's words (management may not write them)
        report = report.with_user(self.advisor)
        report.conclusion = "Our own words."
        self.assertEqual(report.conclusion, "Our own words.")
        report.date_to = d("2020-12-31")
        self.assertIn("19", report.conclusion)
        report.conclusion = "Edited"
        report.action_refresh_conclusion()
        self.assertIn("19", report.conclusion)

    def test_recommendations_from_last_year(self):
        last = self.create_report(d("2019-01-01"), d("2019-12-31"))
        last.with_user(
            self.advisor
        ).recommendations = "<p>Good administrative practice</p>"
        report = self.create_report(d("2020-01-01"), d("2020-12-31"))
        self.assertIn("Good administrative practice", report.recommendations)
        report.with_user(self.advisor).recommendations = "<p>Plain language</p>"
        self.assertIn("Good administrative practice", last.recommendations)

    def test_kept_per_year(self):
        first = self.create_report(d("2019-01-01"), d("2019-12-31"))
        second = self.create_report(d("2020-01-01"), d("2020-12-31"))
        self.assertEqual(
            self.Report.with_user(self.statistician).search(
                [("id", "in", (first | second).ids)]
            ),
            second | first,
        )

    def test_buttons(self):
        report = self.create_report(*PERIOD, user=self.advisor)
        action = report.action_print_workbook()
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["report_name"], "borgerraadgiver.statistics_xlsx")
        action = report.action_print_pdf()
        self.assertEqual(action["report_type"], "qweb-pdf")
        self.assertEqual(action["report_name"], "borgerraadgiver.annual_report_pdf")

    def test_workbook_as_advisor(self):
        report = self.create_report(*PERIOD, user=self.advisor)
        book = render_workbook(report)
        _header, body = read_table(sheet(book, "3.1"))
        self.assertEqual(body[-1][1], [33, 3, 30])

    def test_pdf(self):
        report = self.create_report(*PERIOD)
        report.with_user(
            self.advisor
        ).recommendations = "<p>Plain language in every letter</p>"
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", report.ids)
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        self.assertEqual(html.count("<svg"), 2)
        self.assertIn("Plain language in every letter", html)
        # wkhtmltopdf fetches the CSS from report.url: a server answering
        # from outside this test's transaction would wait on its locks, so
        # point it at a closed port (the PDF comes out unstyled, its text
        # is the same)
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:1"
        )
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("borgerraadgiver.annual_report_pdf", report.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        conclusion = " ".join(" ".join(report._conclusion_paragraphs()).split())
        self.assertIn(conclusion[:60], text)
        for number in ["33", "30", "13", "9"]:
            self.assertIn(f" {number} ", text)
        self.assertIn("Plain language in every letter", text)
        # the footer stamped on every page (Danish where Danish is installed)
        self.assertIn(self.env.company.name, text)
        self.assertRegex(text, r"(Side 1 af|Page 1 of) \d")


@tagged("post_install", "-at_install")
class TestAnnualReportDanish(ReportCase):
    """The report's contents are Danish whatever the user's language. These
    assertions need the Danish of i18n/da.po."""

    def test_workbook_danish(self):
        report = self.create_report(*PERIOD)
        self.assertEqual(self.statistician.lang, "en_US")
        book = render_workbook(report)
        self.assertEqual(
            [s.title for s in book.worksheets],
            [
                "3.1 Henvendelser i alt",
                "3.2 Pr. center",
                "3.3 Kategorier",
                "3.4 Klager over sagsbehandling",
                "3.5 Supervision og undervisning",
                "3.6.1 Punkter efter kategori",
                "3.6.2 Punkter om sagsbehandling",
                "3.6.3 Udfald pr. center",
                "3.6.4 Punkter efter kritik",
                "3.7 Undersøgelser",
                "3.7 Undersøgelser, liste",
                "3.8 Anbefalinger",
                "3.8 Anbefalinger, liste",
                "3.8 Overført",
                "3.9 Genhenvendelser",
                "3.10.1 Kontakter pr. center",
                "3.10.2 Kontakter efter kategori",
                "4.1 Nøgletal",
                "Sammenligning med sidste år",
                "Svartider",
            ],
        )
        header, body = read_table(sheet(book, "3.1"))
        self.assertEqual(
            header,
            [
                "Kvartal",
                "Antal henvendelser",
                "Henvendelser uden sagsbehandling hos borgerrådgiver *1",
                "Henvendelser til sagsbehandling hos borgerrådgiveren",
            ],
        )
        self.assertEqual(
            [label for label, _v in body],
            [
                "1. kvt. 20",
                "2. kvt. 20",
                "3. kvt. 20",
                "4. kvt. 20",
                "1. jan.–15. mar. 2021",
                "I alt",
            ],
        )
        header, body = read_table(sheet(book, "3.3"))
        self.assertEqual(header[:2], ["Kategori", "I alt"])
        self.assertEqual(body[0][0], "1 Vejvisning i organisationen")
        header, body = read_table(sheet(book, "3.4"))
        self.assertEqual(body[0][0], "4.1 Sagsbehandlingstid")

    def test_pdf_labels_danish(self):
        """The PDF's own texts are in its template, rendered in Danish for a
        user who reads English."""
        report = self.create_report(*PERIOD)
        report.with_user(self.advisor).recommendations = "<p>Klart sprog</p>"
        self.assertEqual(self.statistician.lang, "en_US")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.statistician)
            ._render_qweb_html("borgerraadgiver.annual_report_pdf", report.ids)
        )
        html = html.decode()
        for label in [
            "Borgerrådgiverens årsrapport",
            "Periode:",
            "3. Afrapportering",
            "Henvendelser pr. kvartal",
            "Henvendelser til sagsbehandling efter kategori",
            "4.1 Konklusion",
            "Anbefalinger",
            "I alt",
        ]:
            self.assertIn(label, html)
        for english in ["annual report", "Conclusion", "Recommendations", "Total"]:
            self.assertNotIn(f">{english}<", html)

    def test_conclusion_danish(self):
        report = self.create_report(*PERIOD)
        self.assertEqual(
            report._conclusion_paragraphs(),
            [
                "Borgerrådgiverfunktionen har i perioden 1. januar 2020 til "
                "15. marts 2021 modtaget i alt 33 henvendelser, hvoraf de 30 har "
                "været til reel sagsbehandling hos borgerrådgiveren.",
                "Af de 30 henvendelser er der 13 henvendelser, der er registreret "
                "under kategorien ”klage over sagsbehandling”. Heraf har de 9 "
                "omhandlet sagsbehandlingstiden (dvs. knap hver 3. sagsbehandling "
                "hos borgerrådgiveren vedrører sagsbehandlingstiden).",
            ],
        )
