from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request


class AccessRequest(http.Controller):
    @http.route(
        "/borgerraadgiver/citizen/<int:citizen_id>/access_request.zip",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def citizen_access_request(self, citizen_id):
        """A citizen's access request (art. 15), for the advisor only: anyone
        else gets the access error, whatever the id."""
        if not request.env.user.has_group("borgerraadgiver.group_advisor"):
            raise AccessError(
                request.env._("Only the advisor answers access requests.")
            )
        citizen = request.env["borgerraadgiver.citizen"].browse(citizen_id).exists()
        if not citizen:
            raise request.not_found()
        content = request.env["report.borgerraadgiver.access_request"]._render(citizen)
        filename = f"Indsigt {citizen.name} {citizen.id}.zip"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
