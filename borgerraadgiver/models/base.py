from odoo import _, models
from odoo.exceptions import AccessError
from odoo.fields import Command


class Base(models.AbstractModel):
    _inherit = "base"

    def onchange(self, values, field_names, fields_spec):
        """Odoo's onchange checks no access on the records its values name,
        and related and inherited fields read them as superuser: a new user,
        company, follower or attendee given the partner_id of a citizen's
        mail contact showed its name and e-mail to any user, portal users
        too. Such a contact among the values is refused for whoever may not
        see it (everyone but the advisor)."""
        partner_ids = self._borgerraadgiver_partner_ids(values)
        if self.env["res.partner"]._borgerraadgiver_hidden_among(partner_ids):
            raise AccessError(
                _(
                    "This contact belongs to the citizens' advisor's case system: "
                    "only the advisor can use it."
                )
            )
        return super().onchange(values, field_names, fields_spec)

    def _borgerraadgiver_partner_ids(self, values):
        """The ids of partners that `values` (an onchange's, with its x2many
        commands and their values) name."""
        ids = []
        for name, value in (values or {}).items():
            field = self._fields.get(name)
            if not field or not value or not field.relational:
                continue
            comodel = self.env[field.comodel_name]
            if field.type == "many2one":
                value = value.get("id") if isinstance(value, dict) else value
                if field.comodel_name == "res.partner":
                    ids.append(value)
                continue
            for command in value if isinstance(value, list | tuple) else ():
                if not isinstance(command, list | tuple) or not command:
                    continue
                if command[0] == Command.SET and len(command) > 2:
                    linked = list(command[2] or ())
                elif command[0] in (Command.LINK, Command.UPDATE) and len(command) > 1:
                    linked = [command[1]]
                else:
                    linked = []
                if field.comodel_name == "res.partner":
                    ids += linked
                if command[0] in (Command.CREATE, Command.UPDATE) and len(command) > 2:
                    if isinstance(command[2], dict):
                        ids += comodel._borgerraadgiver_partner_ids(command[2])
        return ids
