from odoo import models

INQUIRY = "borgerraadgiver.inquiry"


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """Stock mail lets whoever may write a document change, mark done or
        delete any of its activities. Centre staff may write a forwarded
        inquiry (only the centre's answer), so on inquiries that fallback is
        the advisor's alone: everybody else changes only what the record rules
        on mail.activity grant them (mail.mail_activity_rule_user: the
        activities assigned to them or created by them)."""
        result = super()._check_access(operation)
        if operation not in ("write", "unlink") or not self:
            return result
        if self.env[INQUIRY]._is_advisor():
            return result
        on_inquiries = self.sudo().filtered(
            lambda activity: activity.res_model == INQUIRY
        )
        if not on_inquiries:
            return result
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        allowed = on_inquiries.filtered_domain(domain) if domain else on_inquiries
        forbidden = self.browse((on_inquiries - allowed).ids)
        if result:
            forbidden |= result[0]
        if not forbidden:
            return result
        return forbidden, lambda: forbidden._make_access_error(operation)
