"""Proposals and recommendations (issue 18, item 3; §1.3 and §4.2-4.3 of the
spec): the advisor passes what she learns to a centre, or to the whole
administration, as a concrete proposal for better case handling, and
follows up whether it is followed. A recommendation is not binding, but a
refusal must be explained: "not followed" (and "partly followed") need the
reason.

Who sees what: the advisor everything. Once sent, the staff of the
recommendation's centre read it, take part in its chatter and register the
centre's response (state and reason) while it is awaited, like a referral's
answer; they never see where it came from (the inquiry, the investigation:
fields of the advisor's group). A recommendation to the whole
administration (no centre) is read by no centre: the advisor registers the
administration's response (Direktionen answers her in writing or at a
meeting), so that no group but hers ever reads a recommendation that may
carry a citizen's experience. Management counts them in the yearly report,
where they are listed by their title only."""

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .borgerraadgiver_centre import reminder_values
from .consent import FORWARD_WITHOUT_CONSENT, ForwardWithoutConsentError
from .municipal_day import municipal_today

STATES = [
    ("draft", "Draft"),
    ("sent", "Awaiting Response"),
    ("followed", "Followed"),
    ("partly_followed", "Partly Followed"),
    ("not_followed", "Not Followed"),
]
# the states of a response, and those a reason must explain
RESPONSE_STATES = ("followed", "partly_followed", "not_followed")
EXPLAINED_STATES = ("partly_followed", "not_followed")
# What centre staff write on a recommendation of their centre while the
# response is awaited (the record rule
# borgerraadgiver_recommendation_rule_centre_staff_write limits them to those)
CENTRE_WRITABLE_FIELDS = {"state", "response"}
# The centre's response time in working days, unless the advisor sets the
# deadline herself (a system parameter; about a month by default)
DEADLINE_PARAM = "borgerraadgiver.recommendation_deadline_days"
DEFAULT_DEADLINE_DAYS = 20
# Overdue recommendations are recalled to their centre on the first day past
# the deadline and every REMINDER_INTERVAL days after it
REMINDER_INTERVAL = 7


class BorgerraadgiverRecommendation(models.Model):
    _name = "borgerraadgiver.recommendation"
    _description = "Recommendation"
    # mail.thread with the checks of borgerraadgiver_confidential_thread.py
    _inherit = [
        "borgerraadgiver.confidential.thread",
        "mail.activity.mixin",
        "borgerraadgiver.access.logged",
        "borgerraadgiver.anonymisable",
        "borgerraadgiver.cpr.mixin",
    ]
    # what the advisor sends the centre and the centre answers: a CPR number
    # there would reach the centre's staff (§1.4)
    _cpr_fields = ("name", "text", "response")
    # The text is written by the advisor to be shared with the centre; the
    # citizen's own words stay on the inquiry, whose reads are logged there.
    # (access.logged: the chatter's messages read directly are logged per
    # thread, mail_message.py; nothing here is logged)
    _personal_fields = frozenset()
    _order = "date desc, id desc"
    # the centre's staff take part in the conversation, also once answered
    _mail_post_access = "read"

    name = fields.Char(
        string="Title",
        required=True,
        tracking=True,
        index="trigram",
        help="The recommendation in a few words, as the yearly report lists "
        "it: no personal data.",
    )
    centre_id = fields.Many2one(
        "borgerraadgiver.centre",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="The centre the recommendation is addressed to; empty: the whole "
        "administration.",
    )
    text = fields.Text(
        string="Recommendation",
        required=True,
        help="The proposal as the advisor writes it for the centre. It is "
        "shared with the centre's staff: only what the citizen consented to "
        "pass on.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Advisor",
        default=lambda self: self.env.user,
        tracking=True,
        help="The advisor who follows the recommendation up.",
    )
    date = fields.Date(
        string="Sent", readonly=True, index=True, copy=False, tracking=True
    )
    deadline = fields.Date(
        tracking=True,
        index=True,
        copy=False,
        help="When the centre should respond. Set when the recommendation is "
        "sent, in working days, unless the advisor chose a date.",
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_expand_states",
    )
    response = fields.Text(
        copy=False,
        tracking=True,
        help="What the centre (or the administration) answers: how it follows "
        "the recommendation, or why not.",
    )
    response_date = fields.Date(
        string="Responded On", readonly=True, copy=False, tracking=True
    )
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Sent, not responded to, and the deadline has passed.",
    )
    # Where it comes from: the advisor's own records, never shown to the
    # centre
    inquiry_id = fields.Many2one(
        "borgerraadgiver.inquiry",
        string="From Inquiry",
        index="btree_not_null",
        ondelete="set null",
        groups="borgerraadgiver.group_advisor",
        help="The inquiry whose citizen's experience the recommendation "
        "passes on: sending it needs the citizen's consent to forwarding.",
    )
    point_id = fields.Many2one(
        "borgerraadgiver.inquiry.point",
        string="From Complaint Point",
        index="btree_not_null",
        ondelete="set null",
        domain="[('inquiry_id', '=', inquiry_id)]",
        groups="borgerraadgiver.group_advisor",
        help="The complaint point of the inquiry the recommendation answers.",
    )
    investigation_id = fields.Many2one(
        "borgerraadgiver.investigation",
        string="From Investigation",
        index="btree_not_null",
        ondelete="set null",
        groups="borgerraadgiver.group_advisor",
    )
    annual_report_id = fields.Many2one(
        "borgerraadgiver.annual.report",
        string="From Annual Report",
        index="btree_not_null",
        ondelete="set null",
        groups="borgerraadgiver.group_advisor",
    )
    consent_forwarding = fields.Boolean(
        related="inquiry_id.consent_forwarding",
        string="Citizen Consented to Forwarding",
        groups="borgerraadgiver.group_advisor",
    )

    def _expand_states(self, states, domain):
        return [state for state, _label in STATES]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("state", "deadline")
    def _compute_overdue(self):
        overdue = self.filtered_domain(self._overdue_domain(municipal_today(self.env)))
        for recommendation in self:
            recommendation.overdue = recommendation in overdue

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Overdue can only be searched with = or !=."))
        overdue = self._overdue_domain(municipal_today(self.env))
        if (operator == "=") == value:
            return overdue
        return ["!"] + expression.normalize_domain(overdue)

    @api.model
    def _overdue_domain(self, today):
        return [("state", "=", "sent"), ("deadline", "<", today)]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("inquiry_id", "investigation_id", "annual_report_id")
    def _check_one_source(self):
        for recommendation in self.sudo():
            sources = [
                recommendation._field_label(name)
                for name in ("inquiry_id", "investigation_id", "annual_report_id")
                if recommendation[name]
            ]
            if len(sources) > 1:
                raise ValidationError(
                    _(
                        "Recommendation %(name)s comes from one source: fill in "
                        "only one of %(fields)s.",
                        name=recommendation.name,
                        fields=", ".join(sources),
                    )
                )

    @api.constrains("inquiry_id", "point_id")
    def _check_point_of_the_inquiry(self):
        for recommendation in self.sudo().filtered("point_id"):
            if recommendation.point_id.inquiry_id != recommendation.inquiry_id:
                raise ValidationError(
                    _(
                        "%(field)s of recommendation %(name)s must be a point of "
                        "inquiry %(inquiry)s.",
                        field=recommendation._field_label("point_id"),
                        name=recommendation.name,
                        inquiry=recommendation.inquiry_id.name or "-",
                    )
                )

    @api.onchange("point_id")
    def _onchange_point_id(self):
        if self.point_id.centre_id:
            self.centre_id = self.point_id.centre_id

    @api.constrains("state", "response")
    def _check_reason(self):
        """A recommendation is not binding, but a refusal must be explained."""
        for recommendation in self:
            if (
                recommendation.state in EXPLAINED_STATES
                and not (recommendation.response or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Recommendation %(name)s is %(state)s: %(field)s must "
                        "give the reason.",
                        name=recommendation.name,
                        state=recommendation._state_label(recommendation.state),
                        field=recommendation._field_label("response"),
                    )
                )

    @api.constrains("date", "deadline")
    def _check_deadline(self):
        for recommendation in self:
            if (
                recommendation.date
                and recommendation.deadline
                and recommendation.deadline < recommendation.date
            ):
                raise ValidationError(
                    _(
                        "Recommendation %(name)s: %(field)s %(deadline)s is before "
                        "it was sent (%(sent)s).",
                        name=recommendation.name,
                        field=recommendation._field_label("deadline"),
                        deadline=tools.format_date(self.env, recommendation.deadline),
                        sent=tools.format_date(self.env, recommendation.date),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "borgerraadgiver.group_advisor"
        ):
            raise AccessError(_("Only the advisor writes recommendations."))
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    _(
                        "A recommendation is written as a draft and then sent: "
                        "%(field)s cannot be given.",
                        field=self._field_label("state"),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        # the record rules first: "not yours" before any business rule
        self.check_access("write")
        self._check_centre_staff_write(vals)
        if "centre_id" in vals:
            self._check_centre_kept(vals["centre_id"])
        vals = dict(vals)
        sending = responding = reopening = self.browse()
        if "state" in vals:
            sending, responding, reopening = self._plan_state_change(vals)
            if responding:
                vals.setdefault("response_date", municipal_today(self.env))
            if reopening:
                vals["response_date"] = False
        result = super().write(vals)
        if sending:
            sending._on_sent()
        if responding or reopening:
            (responding | reopening)._sync_response_activity()
        return result

    def _check_centre_staff_write(self, vals):
        """Centre staff register the response and nothing else."""
        if self.env.su or self.env.user.has_group("borgerraadgiver.group_advisor"):
            return
        forbidden = sorted(set(vals) - CENTRE_WRITABLE_FIELDS)
        if forbidden:
            raise AccessError(
                _(
                    "Centre staff may only register the centre's response to a "
                    "recommendation (%(allowed)s), not change %(fields)s.",
                    allowed=", ".join(
                        self._field_label(name)
                        for name in sorted(CENTRE_WRITABLE_FIELDS)
                    ),
                    fields=", ".join(
                        self._field_label(name) if name in self._fields else name
                        for name in forbidden
                    ),
                )
            )

    def _check_centre_kept(self, centre_id):
        """A sent recommendation stays with the centre it was sent to: its
        staff follow it and answer it. The addon's own code may (sudo)."""
        if self.env.su:
            return
        for recommendation in self:
            if recommendation.state != "draft" and (
                recommendation.centre_id.id != (centre_id or False)
            ):
                raise UserError(
                    _(
                        "Recommendation %(name)s has been sent to %(addressee)s: "
                        "%(field)s cannot be changed. Write a new recommendation "
                        "for another addressee.",
                        name=recommendation.name,
                        addressee=recommendation._addressee(),
                        field=recommendation._field_label("centre_id"),
                    )
                )

    def _plan_state_change(self, vals):
        """Check the moves a write of `state` makes (a button, a kanban drop,
        an RPC write alike) and return the recommendations being sent,
        responded to and reopened."""
        target = vals["state"]
        if target not in dict(STATES):
            raise UserError(
                _(
                    "%(state)s is not a stage of a recommendation.",
                    state=target,
                )
            )
        advisor = self.env.su or self.env.user.has_group(
            "borgerraadgiver.group_advisor"
        )
        sending = responding = reopening = self.browse()
        for recommendation in self.filtered(lambda r: r.state != target):
            source = recommendation.state
            if source == "draft" and target == "sent":
                recommendation._check_send()
                sending |= recommendation
            elif source != "draft" and target in RESPONSE_STATES:
                responding |= recommendation
            elif source in RESPONSE_STATES and target == "sent" and advisor:
                reopening |= recommendation
            else:
                raise UserError(
                    _(
                        "Recommendation %(name)s cannot go from %(from_state)s to "
                        "%(target)s.",
                        name=recommendation.name,
                        from_state=recommendation._state_label(source),
                        target=recommendation._state_label(target),
                    )
                )
        return sending, responding, reopening

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        sent = self.filtered(lambda r: r.state != "draft")
        if sent:
            raise UserError(
                _(
                    "Recommendation %(name)s has been sent: it stays, with the "
                    "centre's response.",
                    name=sent[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _cpr_banner(self, places):
        return _(
            "Recommendation %(name)s holds a CPR number in: %(places)s. "
            "Sensitive personal data must only arrive by secure mail (§1.4): "
            "the advisor can mask it.",
            name=self.name,
            places=places,
        )

    def action_send(self):
        """Send the recommendation to its centre (or the administration): the
        centre's staff follow it and get it by mail, the deadline is set in
        working days, the advisor gets an activity on it. Passing on a
        citizen's experience needs the citizen's consent to forwarding; the
        advisor may confirm she sends it anyway (consent.py)."""
        for recommendation in self:
            if recommendation.state != "draft":
                raise UserError(
                    _(
                        "Recommendation %(name)s is %(state)s: only a draft is sent.",
                        name=recommendation.name,
                        state=recommendation._state_label(recommendation.state),
                    )
                )
        self.write({"state": "sent"})
        return True

    def _check_send(self):
        """The checks of sending: the advisor's, with the citizen's consent
        when the recommendation comes from an inquiry."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(
            "borgerraadgiver.group_advisor"
        ):
            raise AccessError(_("Only the advisor sends recommendations."))
        inquiry = self.sudo().inquiry_id
        if (
            inquiry
            and not inquiry.consent_forwarding
            and not self.env.context.get(FORWARD_WITHOUT_CONSENT)
        ):
            raise ForwardWithoutConsentError(
                _(
                    "Recommendation %(name)s passes on the experience of the "
                    "citizen of inquiry %(inquiry)s, who has not consented to "
                    "forwarding. Send it anyway?",
                    name=self.name,
                    inquiry=inquiry.name,
                ),
                self._send_without_consent_action(),
                _("Send Anyway"),
            )

    def _send_without_consent_action(self):
        """The dialog in which the advisor confirms sending without the
        citizen's consent: the recommendation's text, and its button."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Send without Consent"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "borgerraadgiver.borgerraadgiver_recommendation_view_form_send"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {FORWARD_WITHOUT_CONSENT: True},
        }

    def _on_sent(self):
        """What sending does once the state is written: the date and the
        deadline, the centre's staff as followers, the mail, the activity."""
        today = municipal_today(self.env)
        for recommendation in self.sudo():
            values = {"date": today}
            if not recommendation.deadline or recommendation.deadline < today:
                values["deadline"] = recommendation._deadline_from(today)
            recommendation.write(values)
            recommendation._post_sent()
        self._sync_response_activity()

    @api.model
    def _deadline_from(self, day):
        """`day` plus the recommendations' response time in working days of
        the municipality's calendar."""
        value = self.env["ir.config_parameter"].sudo().get_param(DEADLINE_PARAM) or ""
        days = int(value) if value.strip().isdigit() else DEFAULT_DEADLINE_DAYS
        calendar = self.env["resource.calendar"]._borgerraadgiver_calendar()
        return calendar._borgerraadgiver_add_working_days(day, days)

    def _post_sent(self):
        """Post the recommendation on its chatter from the advisor: to the
        centre's address and its staff (followers), or, to the whole
        administration, as a note of the advisor."""
        self.ensure_one()
        recommendation = self.sudo()
        author = recommendation.user_id or self.env.user
        if recommendation.inquiry_id and not recommendation.consent_forwarding:
            recommendation.message_post(
                body=_(
                    "Sent without the citizen's consent to forwarding: the "
                    "advisor confirmed it."
                ),
                subtype_xmlid="mail.mt_note",
            )
        if not recommendation.centre_id:
            recommendation.with_user(author).message_post(
                body=_(
                    "Sent to the whole administration; the response is due by "
                    "%(date)s.",
                    date=tools.format_date(self.env, recommendation.deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        recommendation.message_subscribe(
            partner_ids=recommendation.centre_id.user_ids.partner_id.ids
        )
        template = self.env.ref("borgerraadgiver.mail_template_recommendation")
        recommendation.with_user(author).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------
    # Responding
    # ------------------------------------------------------------------

    def action_followed(self):
        return self._respond("followed")

    def action_partly_followed(self):
        return self._respond("partly_followed")

    def action_not_followed(self):
        return self._respond("not_followed")

    def action_reopen(self):
        """Awaiting the response again (the advisor: a response registered by
        mistake)."""
        return self._respond("sent")

    def _respond(self, state):
        for recommendation in self:
            if recommendation.state == "draft":
                raise UserError(
                    _(
                        "Recommendation %(name)s has not been sent yet.",
                        name=recommendation.name,
                    )
                )
        self.write({"state": state})
        return True

    def _sync_response_activity(self):
        """The advisor's activity on the deadline: scheduled when sent, done
        when the response is registered, again when reopened."""
        activity_type = self.env.ref(
            "borgerraadgiver.mail_activity_type_recommendation_response"
        )
        for recommendation in self.with_user(SUPERUSER_ID).sudo():
            activities = recommendation.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            if recommendation.state in RESPONSE_STATES:
                if activities:
                    activities.action_feedback(
                        feedback=_(
                            "Response registered: %(state)s.",
                            state=recommendation._state_label(recommendation.state),
                        )
                    )
            elif recommendation.state == "sent" and not activities:
                advisor = (
                    recommendation.user_id
                    or self.env["borgerraadgiver.inquiry"]._default_mail_advisor()
                )
                recommendation.activity_schedule(
                    "borgerraadgiver.mail_activity_type_recommendation_response",
                    date_deadline=recommendation.deadline,
                    user_id=advisor.id,
                    note=_(
                        "%(addressee)s should respond by %(date)s.",
                        addressee=recommendation._addressee(),
                        date=tools.format_date(self.env, recommendation.deadline),
                    ),
                )

    # ------------------------------------------------------------------
    # Reminders: with the centres' daily reminders (borgerraadgiver_centre.py)
    # ------------------------------------------------------------------

    @api.model
    def _send_reminders(self, today):
        """Mail each centre its recommendations past their deadline without
        a response: on the first day past it, then every REMINDER_INTERVAL
        days. Queued like the referrals' reminders (same header, retried the
        same way)."""
        overdue = (
            self.sudo()
            .search(self._overdue_domain(today) + [("centre_id", "!=", False)])
            .filtered(
                lambda r: (
                    (today - r.deadline).days % REMINDER_INTERVAL == 1
                    or REMINDER_INTERVAL == 1
                )
            )
        )
        template = self.env.ref("borgerraadgiver.mail_template_recommendation_reminder")
        for centre in overdue.centre_id.filtered("email"):
            template.with_context(
                borgerraadgiver_recommendation_ids=overdue.filtered(
                    lambda r, c=centre: r.centre_id == c
                ).ids,
            ).send_mail(centre.id, email_values=reminder_values("centre"))
        return overdue

    def _days_overdue(self, today=None):
        today = today or municipal_today(self.env)
        return max((today - self.deadline).days, 0) if self.deadline else 0

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------

    def _url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/mail/view?model={self._name}&res_id={self.id}"

    def _centre_emails(self):
        centre = self.sudo().centre_id
        emails = {tools.email_normalize(centre.email or "")}
        emails |= {tools.email_normalize(user.email or "") for user in centre.user_ids}
        emails.discard(False)
        return emails

    def _mail_known_senders(self):
        """Besides followers and users, a reply may come from the centre."""
        return self._centre_emails()

    # ------------------------------------------------------------------
    # The yearly report (issue 18): counted as superuser, listed by title
    # ------------------------------------------------------------------

    @api.model
    def _counts_by_state(self, date_from, date_to):
        """{state: count} of the recommendations sent in the period (drafts
        are not counted), with every state and "total"."""
        groups = self.sudo()._read_group(
            [("date", ">=", date_from), ("date", "<=", date_to)],
            ["state"],
            ["__count"],
        )
        counts = dict.fromkeys(RESPONSE_STATES + ("sent",), 0)
        counts.update(dict(groups))
        counts.pop("draft", None)
        counts["total"] = sum(counts.values())
        return counts

    @api.model
    def _carried_forward(self, date_from):
        """The recommendations sent before the period still awaiting their
        response when it began (whatever their state now)."""
        return self.sudo().search(
            [
                ("date", "<", date_from),
                ("state", "!=", "draft"),
                "|",
                ("state", "=", "sent"),
                ("response_date", ">=", date_from),
            ],
            order="date, id",
        )

    @api.model
    def _of_period(self, date_from, date_to):
        return self.sudo().search(
            [("date", ">=", date_from), ("date", "<=", date_to)],
            order="date, id",
        )

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------

    def _addressee(self):
        """The centre's name, or "the whole administration"."""
        return self.sudo().centre_id.name or _("The whole administration")

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _field_label(self, name):
        return self._fields[name]._description_string(self.env)
