from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """A QWeb report (PDF, HTML, text) of inquiries, referrals or
        citizens reads all their personal fields, as far as the log knows."""
        model = self.env.get(report.model)
        if isinstance(model, self.env.registry["borgerraadgiver.access.logged"]):
            model.browse(docids or [])._log_read(model._personal_fields, "report")
        return super()._get_rendering_context(report, docids, data)
