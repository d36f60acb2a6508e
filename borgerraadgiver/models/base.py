from odoo import _, api, models
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
        see it (everyone but the advisor); among the defaults, by
        default_get."""
        self._borgerraadgiver_check_partner_values(values)
        return super().onchange(values, field_names, fields_spec)

    @api.model
    def default_get(self, fields_list):
        """The defaults of a new record (a context's default_partner_id, a
        user's own saved default) name no citizen's mail contact for whoever
        may not see it: the form's onchange would read its name and e-mail
        as superuser."""
        defaults = super().default_get(fields_list)
        if not self.env.su:
            self._borgerraadgiver_check_partner_values(defaults)
        return defaults

    def _borgerraadgiver_check_partner_values(self, values):
        partner_ids = self._borgerraadgiver_partner_ids(values)
        if self.env["res.partner"]._borgerraadgiver_hidden_among(partner_ids):
            raise AccessError(
                _(
                    "This contact belongs to the citizens' advisor's case system: "
                    "only the advisor can use it."
                )
            )

    def _borgerraadgiver_partner_ids(self, values):
        """The ids of partners that `values` (an onchange's) name, in every
        form Odoo takes them: a many2one's id, (id, name) or {"id": id}; an
        x2many's commands, plain ids or dicts of new lines, whose values are
        searched in turn."""
        ids = []
        for name, value in (values or {}).items():
            field = self._fields.get(name)
            if not field or not field.relational or not value:
                continue
            of_partners = field.comodel_name == "res.partner"
            if field.type == "many2one":
                if isinstance(value, dict):
                    value = value.get("id")
                elif isinstance(value, list | tuple):
                    value = value[0]
                if of_partners:
                    ids.append(value)
                continue
            comodel = self.env[field.comodel_name]
            for item in value if isinstance(value, list | tuple) else ():
                linked, nested = self._borgerraadgiver_x2many_item(item)
                if of_partners:
                    ids += linked
                if isinstance(nested, dict):
                    ids += comodel._borgerraadgiver_partner_ids(nested)
        return ids

    @staticmethod
    def _borgerraadgiver_x2many_item(item):
        """(the ids an x2many value's item links, the values of a line it
        creates or updates)."""
        if isinstance(item, dict):
            return [], item
        if not isinstance(item, list | tuple):
            return [item], None
        kind, *rest = item or (None,)
        if kind == Command.SET and len(rest) > 1:
            return list(rest[1] or ()), None
        if kind == Command.LINK and rest:
            return [rest[0]], None
        if kind in (Command.CREATE, Command.UPDATE) and len(rest) > 1:
            return rest[:1] if kind == Command.UPDATE else [], rest[1]
        return [], None
