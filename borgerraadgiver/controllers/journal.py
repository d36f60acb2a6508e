from odoo import http
from odoo.http import content_disposition, request


class InquiryArchive(http.Controller):
    @http.route(
        "/borgerraadgiver/inquiry/<int:inquiry_id>/archive.zip",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def inquiry_archive(self, inquiry_id):
        """A closed case for archiving, for the advisor only; anyone else, or
        any other id, gets "not found"."""
        inquiry = request.env["borgerraadgiver.inquiry"]._archive_for_download(
            inquiry_id
        )
        if not inquiry:
            raise request.not_found()
        return request.make_response(
            inquiry._archive_zip(),
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Disposition", content_disposition(f"{inquiry.name}.zip")),
            ],
        )
