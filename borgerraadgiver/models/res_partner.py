import functools

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .borgerraadgiver_anonymisable import anonymised_placeholder, referenced_ids
from .borgerraadgiver_confidential_thread import acts_as_advisor


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Set by the addon only (borgerraadgiver.citizen._get_mail_partner), on the
    # partners it creates itself to mail a citizen; never on an ERP contact.
    # _apply_ir_rules and _check_access hide those partners, and only those,
    # from everyone but the advisor.
    borgerraadgiver_mail_partner = fields.Boolean(
        string="Citizen's Mail Contact",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="Created by the citizens' advisor's case system to mail a citizen; "
        "seen only by the advisor.",
    )

    # ------------------------------------------------------------------
    # The record rule of the citizens' mail contacts
    # ------------------------------------------------------------------
    # In code, where Odoo applies record rules, not as an ir.rule: Odoo
    # checks a rule's domain record by record in Python (filtered_domain)
    # at every read of partners, which made every contact screen of the ERP
    # 7-20 % slower (README, "The cost to the rest of the ERP").

    def _borgerraadgiver_hides_mail_partners(self):
        """Whether the current user is kept from the addon's mail contacts
        of citizens: everyone but the advisor, unless in superuser mode (as
        a record rule)."""
        return not self.env.su and not acts_as_advisor(self.env)

    @api.model
    def _apply_ir_rules(self, query, mode="read"):
        """Every search, count, grouping and relation read of partners
        leaves the addon's mail contacts out for whoever may not see them."""
        result = super()._apply_ir_rules(query, mode)
        if self._borgerraadgiver_hides_mail_partners():
            query.add_where(
                SQL(
                    "%s IS NOT TRUE",
                    SQL.identifier(query.table, "borgerraadgiver_mail_partner"),
                )
            )
        return result

    def _check_access(self, operation):
        """A read, write or unlink of the addon's mail contacts by id, for
        whoever may not see them, is refused like a record rule's."""
        result = super()._check_access(operation)
        # the flags first: they are in the cache, the groups are not
        hidden = self._borgerraadgiver_mail_partners()
        if not hidden or not self._borgerraadgiver_hides_mail_partners():
            return result
        forbidden = self.browse(hidden._ids)
        if result:
            forbidden |= result[0]
        return forbidden, functools.partial(
            self.env["ir.rule"]._make_access_error, operation, forbidden
        )

    @api.model
    def _order_to_sql(self, order, query, alias=None, reverse=False):
        """Another model's rows ordered by a partner (notifications by their
        recipient) are ordered by the partner's name read in a join, past
        every rule: a citizen's mail contact would sort among the others by
        its name. For whoever may not see those contacts they come after the
        others, by id."""
        term = super()._order_to_sql(order, query, alias=alias, reverse=reverse)
        if (
            not term
            or alias in (None, query.table)
            or not self._borgerraadgiver_hides_mail_partners()
        ):
            return term
        hidden = SQL(
            "%s IS TRUE", SQL.identifier(alias, "borgerraadgiver_mail_partner")
        )
        hidden_id = SQL("CASE WHEN %s THEN %s END", hidden, SQL.identifier(alias, "id"))
        if query.groupby:
            query.groupby = SQL("%s, %s, %s", query.groupby, hidden, hidden_id)
        return SQL("%s, %s, %s", hidden, hidden_id, term)

    def _borgerraadgiver_mail_partners(self):
        """The addon's mail contacts of citizens among these partners (new
        records by their origin), read as superuser."""
        partners = self.sudo().browse(
            [pid for pid in self._origin._ids if isinstance(pid, int)]
        )
        return partners.filtered(lambda partner: partner.borgerraadgiver_mail_partner)

    def _to_store(self, store, /, *, fields=None, main_user_by_partner=None):
        """The chatter names a message's recipients by their name, e-mail
        and avatar (read as superuser): a citizen's mail contact the advisor
        wrote to from a referral's chatter is "Confidential" there for the
        centre's staff, without its e-mail or a token for its avatar."""
        super()._to_store(
            store, fields=fields, main_user_by_partner=main_user_by_partner
        )
        hidden = self._borgerraadgiver_mail_partners()
        if not hidden or acts_as_advisor(self.env):
            return
        for partner in self.browse(hidden._ids):
            store.add(
                partner,
                {
                    "name": _("Confidential"),
                    "displayName": _("Confidential"),
                    "email": False,
                    "avatar_128_access_token": False,
                },
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._borgerraadgiver_check_parent(
            [vals.get("parent_id") for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._borgerraadgiver_check_parent([vals.get("parent_id")])
        return super().write(vals)

    def _borgerraadgiver_check_parent(self, parent_ids):
        """A contact under a citizen's mail contact would show the citizen's
        name (parent_name and complete_name are read as superuser): only the
        advisor's case system puts contacts there."""
        if self._borgerraadgiver_hidden_among(parent_ids):
            raise AccessError(
                _(
                    "A contact of the citizens' advisor's case system cannot "
                    "be the company of another contact."
                )
            )

    @api.model
    def _borgerraadgiver_hidden_among(self, partner_ids):
        """Whether `partner_ids` hold a citizen's mail contact that the
        current user may not use: everyone but the advisor (and OdooBot)."""
        ids = [pid for pid in partner_ids or () if isinstance(pid, int)]
        if not ids or acts_as_advisor(self.env):
            return False
        return bool(
            self.sudo().search_count(
                [("id", "in", ids), ("borgerraadgiver_mail_partner", "=", True)],
                limit=1,
            )
        )

    @api.depends_context("uid")
    def _compute_display_name(self):
        """A Many2one shows its partner's name as superuser: the addon's mail
        contacts of citizens are named only for the advisor."""
        super()._compute_display_name()
        hidden = set(self._borgerraadgiver_mail_partners()._ids)
        if not hidden or acts_as_advisor(self.env):
            return
        for partner in self:
            if partner._origin.id in hidden:
                partner.display_name = _("Confidential")

    def _borgerraadgiver_forget(self):
        """The addon's own mail contacts of citizens who are deleted or
        anonymised: deleted, unless another record of the ERP refers to one
        (a message it wrote or received elsewhere, a record it follows, a
        contact of another app); then only what the addon put on it, the
        citizen's name and address, is erased. ERP contacts are never
        touched."""
        partners = self.sudo().exists().filtered("borgerraadgiver_mail_partner")
        used = partners.browse(referenced_ids(partners))
        used.with_context(tracking_disable=True).write(
            {"name": anonymised_placeholder(self.env), "email": False}
        )
        (partners - used).unlink()
