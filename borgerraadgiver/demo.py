# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
"""Demo data: Stevns Kommune's six centres and the 33 inquiries of its report
for 1 January 2020 to 15 March 2021, distributed exactly as the report's
tables 3.1-3.4, plus a few current inquiries, and the little supervision and
teaching covid-19 allowed in 2020 (§3.5).  The citizens are fictitious.

Run inside a transaction: ``load_demo()``; it is safe to run again."""
import datetime as dt
from decimal import Decimal
from itertools import cycle

from trytond.pool import Pool
from trytond.transaction import Transaction

CENTRES = [
    ('P&B', "Politik & Borger"),
    ('AM', "Arbejdsmarked"),
    ('B&L', "Børn & Læring"),
    ('S&O', "Sund & Omsorg"),
    ('T&M', "Teknik & Miljø"),
    ('ØH&I', "Økonomi, HR & IT"),
    ]

CITIZENS = [
    "Mette Hansen", "Lars Jensen", "Anne Nielsen", "Søren Pedersen",
    "Hanne Christensen", "Jens Larsen", "Birgitte Sørensen", "Ole Rasmussen",
    "Karina Jørgensen", "Henrik Madsen", "Lone Kristensen", "Peter Olsen",
    ]

# (received, channel, centre, category, resolution, subject, reason)
# resolution 'forwarded' follows path 3 to the centre's answer.
INQUIRIES = [
    # 1st quarter 2020: 5 inquiries, 1 misdirected
    ('2020-01-09', 'phone', 'S&O', '1', 'misdirected',
        "Ansøgning om tandbehandling sendt til borgerrådgiveren", None),
    ('2020-01-21', 'email', 'B&L', '4.1', 'forwarded',
        "Lang sagsbehandlingstid på ansøgning om aflastning", None),
    ('2020-02-04', 'phone', 'B&L', '6', 'explained',
        "Utilfredshed med skolebuskørslen", None),
    ('2020-02-18', 'letter', 'S&O', '3', 'explained',
        "Klagefrist på afgørelse om hjemmehjælp", None),
    ('2020-03-03', 'phone', 'ØH&I', '1', 'referred',
        "Spørgsmål om ejendomsskat og betalingsaftale", None),
    # 3rd quarter 2020: 9 inquiries
    ('2020-07-02', 'email', 'AM', '4.1', 'forwarded',
        "Lang ventetid på afgørelse om sygedagpenge", None),
    ('2020-07-14', 'meeting', 'B&L', '4.1', 'forwarded',
        "Venter stadig på svar om specialundervisning", None),
    ('2020-08-05', 'phone', 'B&L', '4.3', 'forwarded',
        "Forældre ikke inddraget i børnefaglig undersøgelse", None),
    ('2020-08-11', 'phone', 'B&L', '6', 'explained',
        "Skoleskift midt i skoleåret", None),
    ('2020-08-20', 'phone', 'S&O', '1', 'referred',
        "Hvor søger man om plejebolig?", None),
    ('2020-08-27', 'email', 'S&O', '3', 'explained',
        "Hvordan klager man over afgørelse om hjælpemidler?", None),
    ('2020-09-03', 'letter', 'S&O', '4.6', 'forwarded',
        "Ingen tilbagemelding fra hjemmeplejen", None),
    ('2020-09-15', 'email', 'T&M', '4.1', 'forwarded',
        "Lang ventetid på byggetilladelse til carport", None),
    ('2020-09-29', 'phone', 'T&M', '1', 'referred',
        "Hvem sørger for vejbelysning på privat fællesvej?", None),
    # 4th quarter 2020: 5 inquiries
    ('2020-10-06', 'email', 'B&L', '4.1', 'forwarded',
        "Sagsbehandlingstid på tabt arbejdsfortjeneste", None),
    ('2020-10-22', 'letter', 'B&L', '4.2', 'forwarded',
        "Afgørelse truffet uden partshøring", None),
    ('2020-11-10', 'phone', 'B&L', '6', 'referred',
        "Ønske om møde med PPR", None),
    ('2020-11-24', 'phone', 'S&O', '1', 'referred',
        "Kontakt til genoptræning efter hospitalsophold", None),
    ('2020-12-08', 'email', 'S&O', '7', 'rejected',
        "Klage over serviceniveauet for rengøring", 'service_level'),
    # January to mid March 2021: 14 inquiries, 2 misdirected
    ('2021-01-05', 'digital_post', 'S&O', '1', 'misdirected',
        "Flytteanmodning til ældrebolig", None),
    ('2021-01-12', 'phone', 'AM', '1', 'referred',
        "Hvem behandler ansøgning om fleksjob?", None),
    ('2021-01-19', 'email', 'B&L', '4.1', 'forwarded',
        "Ventetid på handleplan for anbragt barn", None),
    ('2021-01-26', 'phone', 'B&L', '1', 'referred',
        "Hvem kan hjælpe med visitation til SFO?", None),
    ('2021-02-02', 'web', 'B&L', '1', 'misdirected',
        "Opskrivning til pladstilbud i dagtilbud", None),
    ('2021-02-04', 'email', 'T&M', '4.1', 'forwarded',
        "Sagsbehandlingstid på landzonetilladelse", None),
    ('2021-02-09', 'phone', 'AM', '1', 'referred',
        "Kontakt til jobcentret om ressourceforløb", None),
    ('2021-02-16', 'letter', 'AM', '7', 'rejected',
        "Klage over afgørelse om kontanthjælp", 'appeals_body'),
    ('2021-02-23', 'email', 'B&L', '4.1', 'forwarded',
        "Ingen svar på ansøgning om merudgifter", None),
    ('2021-02-25', 'phone', 'AM', '6', 'explained',
        "Spørgsmål om befordring til aktivering", None),
    ('2021-03-02', 'meeting', 'B&L', '4.6', 'forwarded',
        "Utilfredshed med kommunikationen fra sagsbehandler", None),
    ('2021-03-04', 'email', 'T&M', '4.1', 'forwarded',
        "Venter på svar om separatkloakering", None),
    ('2021-03-09', 'phone', 'B&L', '6', 'explained',
        "Nødundervisning under nedlukningen", None),
    ('2021-03-12', 'letter', 'P&B', '7', 'rejected',
        "Klage over en medarbejders ansættelsesforhold", 'personnel'),
    ]

# Inquiries of the last weeks, so that every stage of the list has cases:
# (days ago, channel, centre, category, state, subject, centre deadline)
CURRENT = [
    (0, 'phone', None, None, 'draft',
        "Spørgsmål om egenbetaling for madservice", None),
    (1, 'email', 'T&M', '1', 'draft',
        "Hvem rydder sne på stien ved skolen?", None),
    (3, 'meeting', 'B&L', '4.1', 'open',
        "Ventetid på udredning i PPR", None),
    (20, 'email', 'B&L', '4.2', 'forwarded',
        "Manglende begrundelse i afgørelse om aflastning", -6),
    (5, 'letter', 'AM', '4.1', 'forwarded',
        "Ingen afgørelse om jobafklaringsforløb", 9),
    ]

USERS = [
    ('advisor', 'advisor-2026', "Borgerrådgiver", 'group_advisor', None),
    ('centre', 'centre-2026', "Centermedarbejder, Børn & Læring",
        'group_centre_staff', 'B&L'),
    ('manager', 'manager-2026', "Direktionen (statistik)",
        'group_statistics', None),
    ]


# (date, kind, centre or None for all centres, topic, hours, participants)
SUPERVISIONS = [
    ('2020-02-12', 'supervision', 'B&L',
        "Partshøring før afgørelse om aflastning", 1, 1),
    ('2020-06-17', 'supervision', 'S&O',
        "Begrundelse af afgørelser om hjemmehjælp", 1.5, 1),
    ('2020-09-23', 'supervision', 'B&L',
        "Notatpligt og aktindsigt i børnesager", 1, 1),
    ('2020-10-28', 'teaching', 'S&O',
        "Forvaltningsret i praksis for visitatorer", 3, 6),
    ('2020-12-02', 'teaching', None,
        "God forvaltningsskik og sagsbehandlingstid", 2, 24),
    ]


def _date(text):
    return dt.date.fromisoformat(text)


def load_centres():
    "Create the six Stevns centres unless they exist; return them by code"
    Centre = Pool().get('borgerraadgiver.centre')
    existing = {c.code: c for c in Centre.search([])}
    missing = [
        {'code': code, 'name': name, 'sequence': sequence}
        for sequence, (code, name) in enumerate(CENTRES, 1)
        if code not in existing]
    for centre in Centre.create(missing):
        existing[centre.code] = centre
    return existing


def _categories():
    Category = Pool().get('borgerraadgiver.category')
    return {c.code: c for c in Category.search([])}


def _citizens():
    Party = Pool().get('party.party')
    existing = {p.name: p for p in Party.search([('name', 'in', CITIZENS)])}
    missing = [{'name': n} for n in CITIZENS if n not in existing]
    for party in Party.create(missing):
        existing[party.name] = party
    return cycle([existing[n] for n in CITIZENS] + [None])


def _classify(values, centres, categories, centre, code):
    values['centre'] = centres[centre].id if centre else None
    if code:
        main = code.split('.')[0]
        values['category'] = categories[main].id
        if main != code:
            values['subcategory'] = categories[code].id


def _report_inquiries(centres, categories, citizens):
    Inquiry = Pool().get('borgerraadgiver.inquiry')
    for number, (received, channel, centre, code, resolution, subject,
            reason) in enumerate(INQUIRIES):
        received = _date(received)
        values = {
            'received_date': received,
            'channel': channel,
            'citizen': getattr(next(citizens), 'id', None),
            'subject': subject,
            'formal_contact': code.startswith('4') or number % 3 == 0,
            }
        _classify(values, centres, categories, centre, code)
        if code.startswith('4'):
            values['event_date'] = received - dt.timedelta(days=45)
        inquiry, = Inquiry.create([values])
        if resolution == 'forwarded':
            _forward(inquiry, received + dt.timedelta(days=2))
            inquiry.centre_answer_date = received + dt.timedelta(days=12)
            inquiry.centre_answer = (
                "Centret har skrevet til borgeren med en beklagelse og en "
                "forventet dato for afgørelsen.")
            inquiry.save()
        else:
            inquiry.resolution = resolution
            inquiry.out_of_scope_reason = reason
            inquiry.save()
        Inquiry.close([inquiry])
        inquiry.closed_date = received + dt.timedelta(
            days=14 if resolution == 'forwarded' else 1)
        inquiry.save()


def _forward(inquiry, forwarded_date, deadline_days=14):
    Inquiry = Pool().get('borgerraadgiver.inquiry')
    Inquiry.open([inquiry])
    Inquiry.forward([inquiry])
    inquiry.forwarded_date = forwarded_date
    inquiry.centre_deadline = forwarded_date + dt.timedelta(
        days=deadline_days)
    inquiry.save()


def _current_inquiries(centres, categories, citizens):
    pool = Pool()
    Inquiry = pool.get('borgerraadgiver.inquiry')
    today = pool.get('ir.date').today()
    for days, channel, centre, code, state, subject, deadline in CURRENT:
        received = today - dt.timedelta(days=days)
        values = {
            'received_date': received,
            'channel': channel,
            'citizen': getattr(next(citizens), 'id', None),
            'subject': subject,
            }
        _classify(values, centres, categories, centre, code)
        inquiry, = Inquiry.create([values])
        if state == 'open':
            Inquiry.open([inquiry])
        elif state == 'forwarded':
            forwarded = received + dt.timedelta(days=1)
            _forward(inquiry, forwarded,
                (today - forwarded).days + deadline)


def _users(centres):
    pool = Pool()
    User = pool.get('res.user')
    Lang = pool.get('ir.lang')
    ModelData = pool.get('ir.model.data')
    danish = Lang.search([('code', '=', 'da')], limit=1)
    existing = {u.login for u in User.search([
                ('login', 'in', [u[0] for u in USERS])])}
    for login, password, name, group, centre in USERS:
        if login in existing:
            continue
        user, = User.create([{
                    'login': login,
                    'name': name,
                    'password': password,
                    'language': danish[0].id if danish else None,
                    'groups': [('add', [ModelData.get_id(
                                    'borgerraadgiver', group)])],
                    }])
        if centre:
            centres[centre].users += (user,)
            centres[centre].save()
    return [(login, password, name) for login, password, name, *_ in USERS]


def _supervisions(centres):
    Supervision = Pool().get('borgerraadgiver.supervision')
    Supervision.create([{
                'date': _date(date),
                'kind': kind,
                'centre': centres[centre].id if centre else None,
                'topic': topic,
                'hours': Decimal(str(hours)),
                'participants': participants,
                } for date, kind, centre, topic, hours, participants
            in SUPERVISIONS])


def load_demo():
    "Load the demo data unless it is there; return the demo users"
    pool = Pool()
    Inquiry = pool.get('borgerraadgiver.inquiry')
    Supervision = pool.get('borgerraadgiver.supervision')
    with Transaction().set_context(_skip_warnings=True):
        centres = load_centres()
        users = _users(centres)
        if not Inquiry.search([], limit=1):
            categories = _categories()
            citizens = _citizens()
            _report_inquiries(centres, categories, citizens)
            _current_inquiries(centres, categories, citizens)
        if not Supervision.search([], limit=1):
            _supervisions(centres)
    return users
