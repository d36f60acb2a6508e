# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
import datetime as dt
import re
from email.message import EmailMessage

from dateutil.relativedelta import relativedelta

from trytond import config
from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, Id, If
from trytond.sendmail import send_message_transactional
from trytond.transaction import Transaction

from .exceptions import (
    InquiryCPRNumberWarning, InquiryOldComplaintWarning,
    InquiryValidationError)

CHANNELS = [
    ('phone', "Phone"),
    ('email', "Email"),
    ('letter', "Letter"),
    ('meeting', "Meeting"),
    ('digital_post', "Digital Post"),
    ('in_person', "In Person"),
    ('web', "Web Form"),
    ]
RESOLUTIONS = [
    (None, ""),
    ('explained', "Explained"),
    ('referred', "Referred to Centre"),
    ('forwarded', "Forwarded to Centre"),
    ('misdirected', "Misdirected"),
    ('rejected', "Cannot Be Handled"),
    ]
# The resolutions the advisor chooses when closing without forwarding
DIRECT_RESOLUTIONS = {'explained', 'referred', 'misdirected', 'rejected'}
OUT_OF_SCOPE_REASONS = [
    (None, ""),
    ('service_level', "Politically Set Service Level"),
    ('personnel', "Personnel or Employment Matter"),
    ('appeals_body', "Another Statutory Appeals Body"),
    ('authority_or_court', "Supervisory Authority, Ombudsman or Courts"),
    ('council_decision', "Decided by the Municipal Council"),
    ]
# What centre staff may write on an inquiry forwarded to their centre
CENTRE_FIELDS = {'centre_answer', 'centre_answer_date'}
COMPLAINT_CATEGORIES = {'4', '5'}
OUT_OF_SCOPE_CATEGORY = '7'
# A CPR number: six digits of the birth date, maybe a dash, four digits
CPR_NUMBER = re.compile(r'(?<!\d)[0-3]\d[01]\d{3}-?\d{4}(?!\d)')
FREE_TEXT_FIELDS = [
    'subject', 'description', 'advisor_notes', 'centre_answer']
IS_ADVISOR = Id('borgerraadgiver', 'group_advisor').in_(
    Eval('context', {}).get('groups', []))


class Inquiry(Workflow, ModelSQL, ModelView):
    __name__ = 'borgerraadgiver.inquiry'
    _rec_name = 'number'

    _states = {
        'readonly': Eval('state').in_(['closed', 'cancelled']) | ~IS_ADVISOR,
        }

    number = fields.Char("Number", readonly=True)
    received_date = fields.Date(
        "Received", required=True, states=_states,
        help="The day the citizen contacted the advisor.")
    channel = fields.Selection(
        CHANNELS, "Channel", required=True, states=_states, sort=False)
    citizen = fields.Many2One(
        'party.party', "Citizen", states=_states, ondelete='RESTRICT',
        help="Leave empty when the citizen stays anonymous.")
    subject = fields.Char(
        "Subject", required=True, states=_states,
        help="The citizen's immediate problem in a few words.")
    description = fields.Text("Description", states=_states)
    advisor_notes = fields.Text(
        "Advisor Notes",
        help="Internal notes, never shown to the centres.")
    centre = fields.Many2One(
        'borgerraadgiver.centre', "Centre", ondelete='RESTRICT',
        states={
            'readonly': ~Eval('state').in_(['draft', 'open']) | ~IS_ADVISOR,
            'required': Eval('state').in_(['forwarded', 'closed']),
            },
        help="The centre the inquiry concerns.")
    category = fields.Many2One(
        'borgerraadgiver.category', "Category", ondelete='RESTRICT',
        domain=[('parent', '=', None)],
        states={
            'readonly': _states['readonly'],
            'required': Eval('state') == 'closed',
            })
    subcategory = fields.Many2One(
        'borgerraadgiver.category', "Subcategory", ondelete='RESTRICT',
        domain=[('parent', '=', Eval('category', -1))],
        states={
            'readonly': _states['readonly'],
            'invisible': ~Eval('has_subcategories'),
            'required': (Eval('state') == 'closed')
            & Bool(Eval('has_subcategories')),
            })
    has_subcategories = fields.Function(
        fields.Boolean("Has Subcategories"),
        'on_change_with_has_subcategories')
    formal_contact = fields.Boolean(
        "Centre Contacted", states=_states,
        help="Whether the citizen has formally contacted the centre "
        "about the matter before.")
    event_date = fields.Date(
        "Event Date", states=_states,
        help="When the course of events complained about took place.")
    resolution = fields.Selection(
        RESOLUTIONS, "Resolution", sort=False,
        states={
            'readonly': ~Eval('state').in_(['draft', 'open']) | ~IS_ADVISOR,
            })
    out_of_scope_reason = fields.Selection(
        OUT_OF_SCOPE_REASONS, "Reason", sort=False,
        states={
            'readonly': ~Eval('state').in_(['draft', 'open']) | ~IS_ADVISOR,
            'invisible': Eval('resolution') != 'rejected',
            'required': (Eval('resolution') == 'rejected')
            & (Eval('state') == 'closed'),
            },
        help="Why the advisor cannot handle the inquiry.")
    forwarded_date = fields.Date(
        "Forwarded", readonly=True)
    centre_deadline = fields.Date(
        "Centre Deadline",
        states={
            'readonly': (Eval('state') != 'forwarded') | ~IS_ADVISOR,
            'invisible': ~Eval('forwarded_date'),
            })
    centre_answer_date = fields.Date(
        "Centre Answer Date",
        states={
            'readonly': Eval('state') != 'forwarded',
            'invisible': ~Eval('forwarded_date'),
            },
        help="When the copy of the centre's answer to the citizen arrived.")
    centre_answer = fields.Text(
        "Centre Answer",
        states={
            'readonly': Eval('state') != 'forwarded',
            'invisible': ~Eval('forwarded_date'),
            })
    closed_date = fields.Date("Closed", readonly=True)
    overdue = fields.Function(
        fields.Boolean("Overdue"), 'get_overdue', searcher='search_overdue')
    unit = fields.Function(fields.Integer(
            "Inquiries",
            help="1 for each inquiry: what graphs sum to count inquiries."),
        'get_unit')
    state = fields.Selection([
            ('draft', "Draft"),
            ('open', "Open"),
            ('forwarded', "Forwarded"),
            ('closed', "Closed"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True, sort=False)

    del _states

    @classmethod
    def __setup__(cls):
        cls.number.search_unaccented = False
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.number, Index.Similarity())),
                Index(t, (t.received_date, Index.Range())),
                Index(
                    t,
                    (t.state, Index.Equality(cardinality='low')),
                    where=t.state.in_(['draft', 'open', 'forwarded'])),
                })
        cls._order = [
            ('received_date', 'DESC'),
            ('number', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('draft', 'open'),
            ('open', 'forwarded'),
            ('draft', 'closed'),
            ('open', 'closed'),
            ('forwarded', 'closed'),
            ('closed', 'open'),
            ('draft', 'cancelled'),
            ('open', 'cancelled'),
            ('forwarded', 'cancelled'),
            }
        cls._buttons.update({
                'open': {
                    'invisible': (Eval('state') != 'draft') | ~IS_ADVISOR,
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'forward': {
                    'invisible': (Eval('state') != 'open') | ~IS_ADVISOR,
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'close': {
                    'invisible': ~Eval('state').in_(
                        ['draft', 'open', 'forwarded']) | ~IS_ADVISOR,
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': (Eval('state') != 'closed') | ~IS_ADVISOR,
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(
                        ['draft', 'open', 'forwarded']) | ~IS_ADVISOR,
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/tree', 'visual',
                If(Eval('overdue', False), 'danger', ''), ['overdue']),
            ]

    @classmethod
    def default_received_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_channel(cls):
        return 'phone'

    @classmethod
    def default_formal_contact(cls):
        return False

    @classmethod
    def default_state(cls):
        return 'draft'

    @fields.depends('category')
    def on_change_with_has_subcategories(self, name=None):
        return bool(self.category and self.category.children)

    @fields.depends('category', 'subcategory')
    def on_change_category(self):
        if self.subcategory and self.subcategory.parent != self.category:
            self.subcategory = None

    @fields.depends('resolution', 'out_of_scope_reason')
    def on_change_resolution(self):
        if self.resolution != 'rejected':
            self.out_of_scope_reason = None

    def get_unit(self, name):
        return 1

    @classmethod
    def get_overdue(cls, inquiries, name):
        today = Pool().get('ir.date').today()
        return {
            i.id: bool(
                i.state == 'forwarded'
                and i.centre_deadline and i.centre_deadline < today)
            for i in inquiries}

    @classmethod
    def search_overdue(cls, name, clause):
        _, operator, value = clause
        today = Pool().get('ir.date').today()
        overdue = [
            ('state', '=', 'forwarded'),
            ('centre_deadline', '<', today),
            ]
        if (operator == '=') == bool(value):
            return overdue
        return ['OR',
            ('state', '!=', 'forwarded'),
            ('centre_deadline', '=', None),
            ('centre_deadline', '>=', today),
            ]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('borgerraadgiver.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            received = (
                values.get('received_date') or cls.default_received_date())
            with Transaction().set_context(date=received):
                values['number'] = Configuration(1).inquiry_sequence.get()
        return values

    @classmethod
    def validate_fields(cls, inquiries, field_names):
        super().validate_fields(inquiries, field_names)
        if field_names & {
                'received_date', 'event_date', 'centre_answer_date'}:
            cls.check_dates(inquiries)
        if field_names & set(FREE_TEXT_FIELDS):
            cls.check_cpr_number(inquiries, field_names)

    @classmethod
    def check_dates(cls, inquiries):
        today = Pool().get('ir.date').today()
        for inquiry in inquiries:
            if inquiry.received_date > today:
                raise InquiryValidationError(gettext(
                        'borgerraadgiver.msg_inquiry_received_date_future',
                        inquiry=inquiry.rec_name,
                        date=inquiry.received_date,
                        **cls.__names__('received_date')))
            if (inquiry.event_date
                    and inquiry.event_date > inquiry.received_date):
                raise InquiryValidationError(gettext(
                        'borgerraadgiver.msg_inquiry_event_after_received',
                        inquiry=inquiry.rec_name,
                        event_date=inquiry.event_date,
                        received_date=inquiry.received_date,
                        **cls.__names__('event_date')))
            if (inquiry.centre_answer_date and inquiry.forwarded_date
                    and inquiry.centre_answer_date < inquiry.forwarded_date):
                raise InquiryValidationError(gettext(
                        'borgerraadgiver.msg_inquiry_answer_before_forward',
                        inquiry=inquiry.rec_name,
                        answer_date=inquiry.centre_answer_date,
                        forwarded_date=inquiry.forwarded_date,
                        **cls.__names__('centre_answer_date')))

    @classmethod
    def check_cpr_number(cls, inquiries, field_names):
        "Warn when free text holds a CPR number (§1.4)"
        Warning = Pool().get('res.user.warning')
        for inquiry in inquiries:
            for name in FREE_TEXT_FIELDS:
                if (name in field_names
                        and CPR_NUMBER.search(getattr(inquiry, name) or '')):
                    key = Warning.format(f'cpr_number_{name}', [inquiry])
                    if Warning.check(key):
                        raise InquiryCPRNumberWarning(key, gettext(
                                'borgerraadgiver.msg_inquiry_cpr_number',
                                inquiry=inquiry.rec_name,
                                **cls.__names__(name)))

    @classmethod
    def check_modification(cls, mode, inquiries, values=None, external=False):
        pool = Pool()
        User = pool.get('res.user')
        super().check_modification(
            mode, inquiries, values=values, external=external)
        if (mode == 'write' and external
                and not set(values) <= CENTRE_FIELDS
                and not User.is_borgerraadgiver_advisor()):
            raise AccessError(gettext(
                    'borgerraadgiver.msg_inquiry_write_advisor_only',
                    inquiry=inquiries[0].rec_name if inquiries else ''))
        if mode == 'delete':
            for inquiry in inquiries:
                if inquiry.state not in {'draft', 'cancelled'}:
                    raise AccessError(gettext(
                            'borgerraadgiver.msg_inquiry_delete_draft',
                            inquiry=inquiry.rec_name))

    @classmethod
    def on_modification(cls, mode, inquiries, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, inquiries, field_names=field_names)
        if (mode == 'write' and 'centre_answer_date' in field_names
                and Transaction().user
                and not User.is_borgerraadgiver_advisor()):
            cls.notify_advisors(
                [i for i in inquiries if i.centre_answer_date])

    @classmethod
    def notify_advisors(cls, inquiries):
        "Tell the advisors that centres have answered the inquiries"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        group = ModelData.get_id('borgerraadgiver', 'group_advisor')
        with Transaction().set_context(active_test=True):
            advisors = User.search([('groups', '=', group)])
        for inquiry in inquiries:
            for advisor in advisors:
                cls.notify_user(
                    [inquiry], 'tryton-info',
                    gettext('borgerraadgiver.msg_inquiry_centre_answered',
                        inquiry=inquiry.rec_name,
                        centre=inquiry.centre.rec_name),
                    description=inquiry.subject,
                    user=advisor.id)

    @classmethod
    def copy(cls, inquiries, default=None):
        default = default.copy() if default is not None else {}
        for name in [
                'number', 'resolution', 'out_of_scope_reason',
                'forwarded_date', 'centre_deadline', 'centre_answer_date',
                'centre_answer', 'closed_date']:
            default.setdefault(name, None)
        default.setdefault('received_date', cls.default_received_date())
        return super().copy(inquiries, default=default)

    def _check_required(self, field):
        if not getattr(self, field):
            raise InquiryValidationError(gettext(
                    'borgerraadgiver.msg_inquiry_field_required',
                    inquiry=self.rec_name,
                    **self.__names__(field)))

    def check_classified(self):
        "Check the inquiry has what the report counts it by"
        self._check_required('centre')
        self._check_required('category')
        if self.category.children and not self.subcategory:
            raise InquiryValidationError(gettext(
                    'borgerraadgiver.msg_inquiry_subcategory_required',
                    inquiry=self.rec_name,
                    category=self.category.rec_name,
                    **self.__names__('subcategory')))

    def check_direct_resolution(self):
        "Check the inquiry may be closed without forwarding"
        if self.resolution not in DIRECT_RESOLUTIONS:
            raise InquiryValidationError(gettext(
                    'borgerraadgiver.msg_inquiry_resolution_required',
                    inquiry=self.rec_name,
                    **self.__names__('resolution')))
        if self.resolution == 'rejected':
            if self.category.code != OUT_OF_SCOPE_CATEGORY:
                raise InquiryValidationError(gettext(
                        'borgerraadgiver.msg_inquiry_rejected_category',
                        inquiry=self.rec_name,
                        **self.__names__('category')))
            self._check_required('out_of_scope_reason')

    @classmethod
    def check_complaint_age(cls, inquiries):
        "Warn about complaints older than the configured limit (§1.3)"
        pool = Pool()
        Configuration = pool.get('borgerraadgiver.configuration')
        Warning = pool.get('res.user.warning')
        months = Configuration(1).complaint_age_months
        for inquiry in inquiries:
            if (inquiry.category
                    and inquiry.category.code in COMPLAINT_CATEGORIES
                    and inquiry.event_date
                    and inquiry.event_date
                    < inquiry.received_date - relativedelta(months=months)):
                key = Warning.format('old_complaint', [inquiry])
                if Warning.check(key):
                    raise InquiryOldComplaintWarning(key, gettext(
                            'borgerraadgiver.msg_inquiry_old_complaint',
                            inquiry=inquiry.rec_name,
                            event_date=inquiry.event_date,
                            months=months,
                            **cls.__names__('event_date')))

    @classmethod
    @ModelView.button
    @Workflow.transition('open')
    def open(cls, inquiries):
        cls.check_complaint_age(inquiries)

    @classmethod
    @ModelView.button
    @Workflow.transition('forwarded')
    def forward(cls, inquiries):
        pool = Pool()
        Configuration = pool.get('borgerraadgiver.configuration')
        Date = pool.get('ir.date')
        today = Date.today()
        deadline = today + dt.timedelta(
            days=Configuration(1).centre_deadline_days)
        for inquiry in inquiries:
            inquiry.check_classified()
        cls.write(inquiries, {
                'forwarded_date': today,
                'centre_deadline': deadline,
                'resolution': 'forwarded',
                'out_of_scope_reason': None,
                })
        for inquiry in inquiries:
            if inquiry.centre.email:
                send_message_transactional(inquiry._forward_email())

    def _forward_email(self):
        """Return the mail telling the centre of the forwarded inquiry: its
        number and deadline only, the content stays in the system (§1.4)"""
        Lang = Pool().get('ir.lang')
        names = {
            'inquiry': self.rec_name,
            'centre': self.centre.rec_name,
            'deadline': Lang.get().strftime(self.centre_deadline),
            }
        message = EmailMessage()
        message['From'] = config.get('email', 'from')
        message['To'] = self.centre.email
        message['Subject'] = gettext(
            'borgerraadgiver.msg_inquiry_forwarded_subject', **names)
        message.set_content(gettext(
                'borgerraadgiver.msg_inquiry_forwarded_body', **names))
        return message

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, inquiries):
        today = Pool().get('ir.date').today()
        cls.check_complaint_age([i for i in inquiries if i.state == 'draft'])
        for inquiry in inquiries:
            inquiry.check_classified()
            if inquiry.state == 'forwarded':
                inquiry._check_required('centre_answer_date')
            else:
                inquiry.check_direct_resolution()
        cls.write(inquiries, {'closed_date': today})

    @classmethod
    @ModelView.button
    @Workflow.transition('open')
    def reopen(cls, inquiries):
        cls.write(inquiries, {'closed_date': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, inquiries):
        pass
