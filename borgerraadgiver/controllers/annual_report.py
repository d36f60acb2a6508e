from odoo import http
from odoo.http import content_disposition, request


class AnnualReportDocument(http.Controller):
    @http.route(
        "/borgerraadgiver/annual_report/<int:report_id>/document.docx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def annual_report_document(self, report_id):
        """The yearly report as a Word document, for the advisor and
        management (who else asks gets Odoo's access error)."""
        report = request.env["borgerraadgiver.annual.report"].browse(report_id)
        if not report.exists():
            raise request.not_found()
        Docx = request.env["report.borgerraadgiver.annual_report_docx"]
        content = Docx._render(report)
        filename = (
            f"Borgerraadgiver aarsrapport {report.date_from} - {report.date_to}.docx"
        )
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument"
                    ".wordprocessingml.document",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
