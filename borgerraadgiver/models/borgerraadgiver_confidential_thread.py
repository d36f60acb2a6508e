"""The addon's confidential threads (issue 14, item 5).

An inquiry's chatter is the advisor's alone; a referral's is shared by the
advisor and the referral's centre, and by nobody else. Issue 18 adds two:
a recommendation's chatter is shared like a referral's, an investigation's
is the advisor's alone. Odoo's mail engine lets whoever may read (or write)
a document speak in anyone's name, add and remove other followers, and route
mail as the superuser; on these models the mixin below keeps a message's
author the poster's own partner and followers to following or unfollowing
oneself. The checks of the core models (mail.message,
mail.scheduled.message, the resend wizards, the gateway) use
CONFIDENTIAL_THREADS; the record rules of security/borgerraadgiver_security.xml
name the same models.
"""

from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import AccessError, UserError

INQUIRY = "borgerraadgiver.inquiry"
REFERRAL = "borgerraadgiver.referral"
# issue 18: a recommendation's chatter is shared by the advisor and the
# recommendation's centre (like a referral's), an investigation's is the
# advisor's alone (like an inquiry's)
RECOMMENDATION = "borgerraadgiver.recommendation"
INVESTIGATION = "borgerraadgiver.investigation"
# The threads of the addon (models inheriting the mixin below)
CONFIDENTIAL_THREADS = (INQUIRY, REFERRAL, RECOMMENDATION, INVESTIGATION)
# Every model of personal data of the addon: its threads and the register
CONFIDENTIAL_MODELS = (*CONFIDENTIAL_THREADS, "borgerraadgiver.citizen")
ADVISOR_GROUP = "borgerraadgiver.group_advisor"


def acts_as_advisor(env):
    """Whether the user is the advisor, or OdooBot (the addon's jobs, the
    mail gateway): who names the citizens and their mail contacts and
    manages others' followers and activities, also where Odoo reads as
    superuser on the user's behalf."""
    return env.uid == SUPERUSER_ID or env.user.has_group(ADVISOR_GROUP)


# Set by the onchange of the mail models that name a document as superuser
# (an activity's res_name, the composer's record name, subject and body):
# their computes check that the user may read the document first
ONCHANGE_CHECKS_DOCUMENT = "borgerraadgiver_onchange_checks_document"


def check_document_readable(records):
    """In a user's onchange (ONCHANGE_CHECKS_DOCUMENT), refuse a document
    the user may not read: Odoo's onchange checks no access, and the mail
    models compute a document's name as superuser, so that any user could
    ask a new activity or composer for the name of any record by its id
    (a journal entry's title, a file's name, a draft recommendation). The
    user's own rights decide, on every model; outside an onchange nothing is
    checked here."""
    env = records.env
    if not env.context.get(ONCHANGE_CHECKS_DOCUMENT) or env.uid == SUPERUSER_ID:
        return
    records.with_env(env(su=False)).check_access("read")


def readable_referrals_condition(env, operator, value, res_id, model=REFERRAL):
    """The (operator, value) on a referral's id that keeps the referrals the
    user may read, for the search of a computed flag "of a referral one may
    read" (mail.followers, mail.notification). The record rules evaluate it
    as superuser: the referrals' own rules are applied here for the real
    user, so that who sees a referral's followers and notifications is
    decided by the referral's record rule alone.

    `res_id` is the column (SQL) of the searched row that holds the
    referral's id: the subquery is correlated to it, so that PostgreSQL
    checks the row's one referral by its primary key. Uncorrelated, under
    the OR of the group rules, it first lists every referral the user may
    read (a hashed subplan: a centre's tens of thousands of referrals at a
    national scale) to check a single follower.

    `model` is another thread shared with a centre (a recommendation): the
    same condition on its ids and record rules."""
    if operator not in ("=", "!=") or not isinstance(value, bool):
        raise UserError(
            env._("This field can only be searched with = True or = False.")
        )
    readable = env[model].with_user(env.uid)._search([("id", "=", res_id)])
    return ("in" if (operator == "=") == value else "not in"), readable


def same_address(email_from, partner):
    """Whether `email_from` is the address of `partner` (or both are empty)."""
    return tools.email_normalize(email_from or "") == tools.email_normalize(
        partner.email or ""
    )


def is_user_partner(partner):
    """Whether `partner` is the partner of an internal user (archived users,
    OdooBot included)."""
    users = partner.sudo().with_context(active_test=False).user_ids
    return bool(users.filtered(lambda user: not user.share))


class BorgerraadgiverConfidentialThread(models.AbstractModel):
    _name = "borgerraadgiver.confidential.thread"
    _description = "Confidential Thread of the Citizens' Advisor"
    _inherit = "mail.thread"

    # ------------------------------------------------------------------
    # Author: always the poster's own partner
    # ------------------------------------------------------------------

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        """A user posts in her own name only: `author_id` and an `email_from`
        of someone else (message_post, message_notify, the composer, a
        scheduled message) become her own partner and address. Mail from the
        gateway (as the superuser) is never authored by the partner of a user:
        anyone can write a user's address into a From header, so the message
        keeps the raw address and no author. The addon's own code (sudo,
        OdooBot) chooses the author."""
        if not self.env.su:
            partner = self.env.user.partner_id
            if email_from is not None and not same_address(email_from, partner):
                email_from = None
            return super()._message_compute_author(
                partner.id, email_from, raise_on_email=raise_on_email
            )
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=raise_on_email
        )
        if (
            self.env.context.get("from_alias")
            and author_id
            and is_user_partner(self.env["res.partner"].browse(author_id))
        ):
            author_id = False
        return author_id, email_from

    # ------------------------------------------------------------------
    # Followers: only oneself, but for the advisor
    # ------------------------------------------------------------------

    def _borgerraadgiver_manages_followers(self, real_user=False):
        """Whether the current user may add and remove other followers: the
        advisor, OdooBot, and the addon's code in sudo (unless `real_user`:
        who actually asked, as for an autofollow through a sudo-ed route)."""
        return (self.env.su and not real_user) or acts_as_advisor(self.env)

    def _borgerraadgiver_followers_error(self):
        return AccessError(
            _(
                "%(document)s: you can only follow or unfollow yourself; only the "
                "advisor adds or removes other followers.",
                document=self.env["ir.model"].sudo()._get(self._name).name,
            )
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Following a thread one cannot read is refused (AccessError, where
        stock Odoo answers False). Somebody else's partner may be given only
        when it follows already and its subtypes stay as they are (an
        activity assigned to a follower subscribes it again)."""
        others = set(partner_ids or []) - {self.env.user.partner_id.id}
        if self and partner_ids and not others:
            # stock Odoo answers False to following what one cannot read
            self.check_access("read")
        if self and others and not self._borgerraadgiver_manages_followers():
            followers = (
                self.env["mail.followers"]
                .sudo()
                .search(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", self.ids),
                        ("partner_id", "in", list(others)),
                    ]
                )
            )
            following = {(f.res_id, f.partner_id.id) for f in followers}
            if subtype_ids or any(
                (record.id, partner_id) not in following
                for record in self
                for partner_id in others
            ):
                raise self._borgerraadgiver_followers_error()
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def message_unsubscribe(self, partner_ids=None):
        others = set(partner_ids or []) - {self.env.user.partner_id.id}
        if self and partner_ids and not others:
            # stock Odoo answers False to following what one cannot read
            self.check_access("read")
        if self and others and not self._borgerraadgiver_manages_followers():
            raise self._borgerraadgiver_followers_error()
        return super().message_unsubscribe(partner_ids=partner_ids)

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        """Recipients of a message become followers (the web client asks so
        for users with write access) only when the advisor posts: the chatter
        route posts in sudo, so who is asking is the user."""
        if self.env.context.get(
            "mail_post_autofollow"
        ) and not self._borgerraadgiver_manages_followers(real_user=True):
            self = self.with_context(mail_post_autofollow=False)  # noqa: PLW0642
        return super().message_post(**kwargs)

    def _message_update_content(self, message, *args, **kwargs):
        """Editing or deleting a message in the chatter (the route
        /mail/message/update_content, in sudo for the message) is refused for
        a document of the journal (mail_message.py)."""
        if not self.env.su:
            message.sudo()._borgerraadgiver_check_not_journalised()
        return super()._message_update_content(message, *args, **kwargs)

    # ------------------------------------------------------------------
    # Replies by mail (mail_thread.py routes the others to a new inquiry)
    # ------------------------------------------------------------------

    def _accepts_mail_from(self, msg_dict):
        """Whether a reply may land on this thread: from an internal user, a
        follower or one of `_mail_known_senders`, and not on an anonymised
        thread; anyone else's mail starts a new inquiry."""
        self.ensure_one()
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        if not email or self.anonymised:
            return False
        author = self.env["res.partner"].sudo().browse(msg_dict.get("author_id"))
        if author.user_ids.filtered(lambda user: not user.share):
            return True
        known = {
            tools.email_normalize(partner.email or "")
            for partner in self.sudo().message_partner_ids
        }
        return email in known | self._mail_known_senders()

    def _mail_known_senders(self):
        """The normalized addresses, besides followers, whose replies belong
        here."""
        return set()

    # ------------------------------------------------------------------
    # Gateway: mail.thread.message_process creates and updates the threads
    # (as the superuser); these two are not for RPC
    # ------------------------------------------------------------------

    @api.model
    @api.private
    def message_new(self, msg_dict, custom_values=None):
        return super().message_new(msg_dict, custom_values=custom_values)

    @api.private
    def message_update(self, msg_dict, update_vals=None):
        return super().message_update(msg_dict, update_vals=update_vals)
