#!/usr/bin/env python3
"""Fill a database that has the addon installed with generated data, in SQL.

Inquiries, their citizens, referrals, followers, activities and chatter
messages in the proportions of the specification's report (centres,
categories, paths) and realistic answer times; optionally ERP contacts and
their chatter for the "cost to the rest of the ERP" benchmark.

    .venv/bin/python benchmarks/generate.py --db bench_1m --n 1000000

The database is created (addon installed, no demo data) when it does not
exist. Everything is written with INSERT ... SELECT generate_series: no ORM,
one transaction per table. The users the benchmarks log in as are made by
the ORM (their password is their login): bench_advisor, bench_staff_<i> (one
per centre, on its staff list) and bench_user (a plain internal user).
"""

# A command-line tool: it prints progress and commits into its own database.
# pylint: disable=print-used,invalid-commit

import argparse
import datetime as dt
import itertools
import time

import benchlib

CENTRES = [  # code, name, share of the inquiries (the spec's table 3.2)
    ("P&B", "Politik & Borger", 5),
    ("AM", "Arbejdsmarked", 15),
    ("B&L", "Børn & Læring", 35),
    ("S&O", "Sund & Omsorg", 20),
    ("T&M", "Teknik & Miljø", 15),
    ("ØH&I", "Økonomi, HR & IT", 10),
]
# category code: weight (table 3.3; 2 and 5 are rare, not absent)
CATEGORIES = {"1": 7, "2": 1, "3": 2, "4": 13, "5": 1, "6": 5}
SUBCATEGORIES = {"4.1": 9, "4.2": 1, "4.3": 1, "4.4": 1, "4.5": 1, "4.6": 2}
CHANNELS = {
    "phone": 35,
    "email": 30,
    "letter": 5,
    "meeting": 10,
    "digital_post": 10,
    "web": 10,
}
# the path of a closed inquiry (§1.3)
RESOLUTIONS = {
    "explained": 30,
    "referred": 25,
    "forwarded": 30,
    "misdirected": 10,
    "rejected": 5,
}
# the last RECENT_DAYS are still being worked on; older inquiries are done
RECENT_DAYS = 60
RECENT_STATES = {"draft": 20, "open": 25, "forwarded": 30, "closed": 20, "cancelled": 5}
OLD_STATES = {"closed": 95, "cancelled": 5}
FIRST_NAMES = (
    "Anne Mette Hanne Kirsten Susanne Lene Maria Camilla Louise Marianne "
    "Peter Jens Lars Michael Henrik Thomas Søren Niels Morten Jan"
).split()
LAST_NAMES = (
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen "
    "Rasmussen Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen "
    "Poulsen Johansen Møller Mortensen"
).split()
# with the first and the last names: 10,000 full names, a few dozen
# namesakes among a million inquiries' citizens, as in a real register
MIDDLE_NAMES = (
    "Marie Louise Kristine Sofie Emilie Johanne Margrethe Birgitte Helene "
    "Katrine Christian Frederik Kristian Emil Mads Rasmus Jakob Mikkel "
    "Nikolaj Anders Bo Carl Oliver Valdemar Aksel"
).split()
CITIES = ["2400 København NV", "4660 Store Heddinge", "8000 Aarhus C", "5000 Odense C"]
SUBJECTS = [
    "Sagsbehandlingstid på ansøgning",
    "Klage over afgørelse om hjælpemiddel",
    "Manglende svar fra forvaltningen",
    "Spørgsmål om klageadgang",
    "Hjemmehjælp aflyst uden varsel",
    "Vejledning om partshøring",
    "Børnesag: manglende inddragelse",
    "Byggesag trækker ud",
    "Tone i telefonen",
    "Afslag på boligstøtte",
]


def pick(column, weights):
    """SQL: a value of `weights` drawn by the uniform random `column`."""
    total = sum(weights.values())
    cases, bound = [], 0
    for value, weight in itertools.islice(weights.items(), len(weights) - 1):
        bound += weight / total
        cases.append(f"WHEN {column} < {bound:.6f} THEN '{value}'")
    last = list(weights)[-1]
    return f"CASE {' '.join(cases)} ELSE '{last}' END"


def sql_array(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def element(array, index_sql):
    """SQL: the element of the Python list `array` at the integer `index_sql`
    (taken modulo its length)."""
    return f"({sql_array(array)})[1 + mod({index_sql}, {len(array)})]"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a database named bench_…")
    parser.add_argument("--n", type=int, default=100_000, help="inquiries")
    parser.add_argument("--years", type=int, default=10, help="received over")
    parser.add_argument(
        "--last-day",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the last day received (default today)",
    )
    parser.add_argument(
        "--no-chatter",
        action="store_true",
        help="no followers, activities or messages (for the statistics)",
    )
    parser.add_argument("--partners", type=int, default=0, help="ERP contacts")
    parser.add_argument(
        "--partner-messages", type=int, default=0, help="chatter of the contacts"
    )
    parser.add_argument(
        "--modules",
        default="borgerraadgiver",
        help="installed when the database is new (mail: without the addon)",
    )
    parser.add_argument("--seed", type=float, default=0.2021)
    return parser.parse_args()


def ensure_users(env):
    """The benchmarks' users and the centres, by the ORM."""
    from odoo.tests.common import new_test_user

    def user(login, groups):
        return env["res.users"].search([("login", "=", login)]) or new_test_user(
            env, login=login, groups=groups, tz="Europe/Copenhagen"
        )

    bench_user = user("bench_user", "base.group_user")
    if "borgerraadgiver.centre" not in env:
        return {"user": bench_user}
    advisor = user("bench_advisor", "borgerraadgiver.group_advisor")
    Centre = env["borgerraadgiver.centre"]
    for index, (code, name, _weight) in enumerate(CENTRES, 1):
        centre = Centre.search([("code", "=", code)]) or Centre.create(
            {"code": code, "name": name, "sequence": index * 10}
        )
        staff = user(f"bench_staff_{index}", "borgerraadgiver.group_centre_staff")
        centre.user_ids |= staff
    return {"user": bench_user, "advisor": advisor}


def run(cr, label, query, params=None):
    start = time.perf_counter()
    cr.execute(query, params or {})
    print(f"  {label}: {cr.rowcount:,} rows in {time.perf_counter() - start:.1f} s")


def fill_inquiries(env, n, years, last_day, seed, chatter=True):
    cr = env.cr
    advisor = env["res.users"].search([("login", "=", "bench_advisor")])
    categories = {
        c.code: c.id
        for c in env["borgerraadgiver.category"].search([])  # 1-7, 4.1-4.6
    }
    centre_ids = {c.code: c.id for c in env["borgerraadgiver.centre"].search([])}
    centres = {str(centre_ids[code]): weight for code, _name, weight in CENTRES}
    today = last_day
    first_day = today.replace(year=today.year - years) + dt.timedelta(days=1)
    params = {
        "n": n,
        "citizens": max(1, n * 6 // 10),
        "today": today,
        "days": (today - first_day).days,
        "recent": today - dt.timedelta(days=RECENT_DAYS),
        "advisor": advisor.id,
        "partner": advisor.partner_id.id,
        "rejected": categories["7"],
        "seed": seed,
    }
    cr.execute("SELECT setseed(%(seed)s)", params)
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM borgerraadgiver_citizen")
    params["citizen0"] = cr.fetchone()[0]
    draw = "floor(random() * 1000000)::int"
    name = " || ' ' || ".join(
        element(names, draw) for names in (FIRST_NAMES, MIDDLE_NAMES, LAST_NAMES)
    )
    run(
        cr,
        "citizens",
        f"""
        INSERT INTO borgerraadgiver_citizen
            (name, email, email_normalized, phone, street, zip, city, active,
             create_uid, create_date, write_uid, write_date)
        SELECT {name}, 'borger' || i || '@example.dk', 'borger' || i || '@example.dk',
            '+45 ' || (20000000 + i)::text, 'Vejen ' || (1 + mod(i, 200)),
            split_part({element(CITIES, "i")}, ' ', 1),
            substr({element(CITIES, "i")}, 6), true,
            %(advisor)s, now(), %(advisor)s, now()
        FROM generate_series(1, %(citizens)s) i
        """,
        params,
    )
    # one row of random draws per inquiry; the dates rise with i, so the
    # numbers of a year follow the days received
    cr.execute(
        """
        CREATE TEMP TABLE bench_draw ON COMMIT DROP AS
        SELECT i, (%(today)s::date - (%(days)s::bigint * (%(n)s - i) / %(n)s)::int)
                AS received,
            random() AS r_state, random() AS r_path, random() AS r_centre,
            random() AS r_category, random() AS r_sub, random() AS r_channel,
            random() AS r_citizen, random() AS r_answer
        FROM generate_series(1, %(n)s) i
        """,
        params,
    )
    state = (
        f"CASE WHEN received > %(recent)s THEN {pick('r_state', RECENT_STATES)} "
        f"ELSE {pick('r_state', OLD_STATES)} END"
    )
    cr.execute(
        f"""
        CREATE TEMP TABLE bench_path ON COMMIT DROP AS
        SELECT d.*, CASE state WHEN 'closed' THEN {pick("r_path", RESOLUTIONS)}
                               WHEN 'forwarded' THEN 'forwarded' END AS resolution
        FROM (SELECT *, {state} AS state FROM bench_draw) d
        """,
        params,
    )
    category = (
        f"CASE WHEN resolution = 'rejected' THEN %(rejected)s "
        f"ELSE ({pick('r_category', CATEGORIES)})::text::int END"
    )
    for code, category_id in categories.items():
        category = category.replace(f"'{code}'", str(category_id))
    subcategory = pick("r_sub", SUBCATEGORIES)
    for code, category_id in categories.items():
        subcategory = subcategory.replace(f"'{code}'", str(category_id))
    forwarded = "LEAST(received + 1, %(today)s::date)"
    answered = f"LEAST({forwarded} + 1 + floor(r_answer * 20)::int, %(today)s::date)"
    run(
        cr,
        "inquiries",
        f"""
        INSERT INTO borgerraadgiver_inquiry
            (name, received_date, channel, citizen_id, subject, description,
             user_id, centre_id, category_id, subcategory_id, formal_contact,
             resolution, out_of_scope_reason, state, forwarded_date,
             centre_deadline, centre_answer_date, centre_answer, answer_days,
             answer_working_days, closed_date,
             create_uid, create_date, write_uid, write_date)
        SELECT
            'BR-' || extract(year FROM received) || '-' || lpad(number::text,
                greatest(4, length(number::text)), '0'),
            received, {pick("r_channel", CHANNELS)},
            CASE WHEN r_citizen < 0.8
                 THEN %(citizen0)s + 1 + floor(r_citizen / 0.8 * %(citizens)s)::int
            END,
            {element(SUBJECTS, "i")}, 'Borgeren fortalte om sit forløb.',
            %(advisor)s, ({pick("r_centre", centres)})::int, category,
            CASE WHEN category = {categories["4"]} THEN ({subcategory})::int END,
            r_path < 0.5, resolution,
            CASE WHEN resolution = 'rejected' THEN 'service_level' END,
            state,
            CASE WHEN resolution = 'forwarded' THEN forwarded END,
            CASE WHEN resolution = 'forwarded' THEN forwarded + 14 END,
            CASE WHEN resolution = 'forwarded' AND state = 'closed' THEN answered END,
            CASE WHEN resolution = 'forwarded' AND state = 'closed'
                 THEN 'Centret har svaret borgeren.' END,
            CASE WHEN resolution = 'forwarded' AND state = 'closed'
                 THEN answered - forwarded ELSE 0 END,
            CASE WHEN resolution = 'forwarded' AND state = 'closed'
                 THEN (answered - forwarded) * 5 / 7 ELSE 0 END,
            CASE WHEN state = 'closed' THEN
                CASE WHEN resolution = 'forwarded' THEN answered
                     ELSE LEAST(received + floor(r_answer * 10)::int,
                                %(today)s::date) END END,
            %(advisor)s, received + time '09:00', %(advisor)s, received + time '09:00'
        FROM (SELECT *, {category} AS category, {forwarded} AS forwarded,
                     {answered} AS answered,
                     row_number() OVER (PARTITION BY extract(year FROM received)
                                        ORDER BY i) AS number
              FROM bench_path) p
        ORDER BY i
        """,
        params,
    )
    run(
        cr,
        "referrals",
        """
        INSERT INTO borgerraadgiver_referral
            (name, inquiry_id, centre_id, user_id, subject, description,
             citizen_name, citizen_email, citizen_phone, state, date, deadline,
             answer_date, answer, create_uid, create_date, write_uid, write_date)
        SELECT i.name || '/1', i.id, i.centre_id, i.user_id, i.subject,
            i.description, c.name, c.email, c.phone,
            CASE WHEN i.state = 'forwarded' THEN 'sent' ELSE 'answered' END,
            i.forwarded_date, i.centre_deadline, i.centre_answer_date,
            i.centre_answer, i.create_uid, i.forwarded_date + time '10:00',
            i.write_uid, i.forwarded_date + time '10:00'
        FROM borgerraadgiver_inquiry i
        LEFT JOIN borgerraadgiver_citizen c ON c.id = i.citizen_id
        WHERE i.forwarded_date IS NOT NULL
        """,
    )
    if chatter:
        fill_threads(env, params)
    number_years(env)


def fill_threads(env, params):
    """Followers, activities and chatter of the inquiries and referrals."""
    cr = env.cr
    note = env.ref("mail.mt_note").id
    comment = env.ref("mail.mt_comment").id
    params = dict(params, note=note, comment=comment)
    run(
        cr,
        "followers of inquiries (the advisor)",
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'borgerraadgiver.inquiry', id, %(partner)s FROM borgerraadgiver_inquiry
        """,
        params,
    )
    run(
        cr,
        "followers of referrals (the centre's staff)",
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'borgerraadgiver.referral', r.id, u.partner_id
        FROM borgerraadgiver_referral r
        JOIN borgerraadgiver_centre_res_users_rel rel ON rel.centre_id = r.centre_id
        JOIN res_users u ON u.id = rel.user_id
        """,
    )
    activity_type = env.ref("borgerraadgiver.mail_activity_type_centre_answer")
    run(
        cr,
        "activities (the centre's answer awaited)",
        """
        INSERT INTO mail_activity
            (res_model_id, res_model, res_id, res_name, activity_type_id,
             summary, date_deadline, user_id, automated, active,
             create_uid, create_date, write_uid, write_date)
        SELECT m.id, 'borgerraadgiver.inquiry', i.id, i.name, %(type)s,
            'Svar fra centret', i.centre_deadline, i.user_id, true, true,
            i.user_id, now(), i.user_id, now()
        FROM borgerraadgiver_inquiry i, ir_model m
        WHERE m.model = 'borgerraadgiver.inquiry' AND i.state = 'forwarded'
        """,
        dict(params, type=activity_type.id),
    )
    message = """
        INSERT INTO mail_message
            (model, res_id, record_name, message_type, subtype_id, is_internal,
             author_id, email_from, body, date, message_id,
             create_uid, create_date, write_uid, write_date)
        SELECT '{model}', t.id, t.name, '{kind}', %({subtype})s, {internal},
            %(partner)s, 'bench_advisor@example.com', {body}, {date},
            '<bench-{model}-' || t.id || '-{step}@bench>',
            %(advisor)s, {date}, %(advisor)s, {date}
        FROM {table} t {join}
    """
    inquiry_messages = [
        ("creation", "notification", "note", "'<p>Henvendelse oprettet</p>'", ""),
        ("note", "comment", "note", "'<p>Notat fra samtalen med borgeren.</p>'", ""),
        # a second and third note on two of every three inquiries
        (
            "note2",
            "comment",
            "note",
            "'<p>Opfølgning.</p>'",
            "JOIN generate_series(1, 2) k ON mod(t.id, 3) >= k",
        ),
    ]
    for step, kind, subtype, body, join in inquiry_messages:
        run(
            cr,
            f"messages of inquiries ({step})",
            message.format(
                model="borgerraadgiver.inquiry",
                table="borgerraadgiver_inquiry",
                kind=kind,
                subtype=subtype,
                internal="true" if subtype == "note" else "false",
                body=body,
                date="t.create_date + interval '1 minute'",
                step=step + ("-' || k || '" if join else ""),
                join=join,
            ),
            params,
        )
    for step, body, where in [
        ("sent", "'<p>' || t.subject || '</p>'", ""),
        ("answer", "'<p>' || t.answer || '</p>'", "WHERE t.answer IS NOT NULL"),
    ]:
        run(
            cr,
            f"messages of referrals ({step})",
            message.format(
                model="borgerraadgiver.referral",
                table="borgerraadgiver_referral",
                kind="comment",
                subtype="comment",
                internal="false",
                body=body,
                date="t.create_date",
                step=step,
                join=where,
            ),
            params,
        )


def number_years(env):
    """The yearly ranges of the numbering go on after the generated ones."""
    cr = env.cr
    sequence = env.ref("borgerraadgiver.seq_borgerraadgiver_inquiry")
    cr.execute(
        """
        SELECT extract(year FROM received_date)::int, COUNT(*)
        FROM borgerraadgiver_inquiry GROUP BY 1
        """
    )
    for year, count in cr.fetchall():
        date_range = sequence.date_range_ids.filtered(
            lambda r, year=year: r.date_from.year == year
        ) or sequence._create_date_range_seq(dt.date(year, 6, 1))
        date_range.number_next = count + 1
    env.flush_all()


def fill_partners(env, partners, messages, seed):
    """ERP contacts (a tenth companies) and their chatter."""
    cr = env.cr
    cr.execute("SELECT setseed(%s)", [seed])
    user = env["res.users"].search([("login", "=", "bench_user")])
    params = {
        "n": partners,
        "m": messages,
        "user": user.id,
        "author": user.partner_id.id,
    }
    name = (
        "CASE WHEN mod(i, 10) = 0 THEN "
        f"{element(LAST_NAMES, 'i / 10')} || ' ApS ' || i "
        f"ELSE {element(FIRST_NAMES, 'i * 7')} || ' ' || "
        f"{element(LAST_NAMES, 'i * 13 + i / 20')} END"
    )
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM res_partner")
    params["partner0"] = cr.fetchone()[0]
    run(
        cr,
        "contacts",
        f"""
        INSERT INTO res_partner
            (name, complete_name, email, email_normalized, phone, street, zip,
             city, is_company, type, active, lang, partner_share,
             create_uid, create_date, write_uid, write_date)
        SELECT n, n, 'kontakt' || i || '@example.com',
            'kontakt' || i || '@example.com', '+45 ' || (30000000 + i)::text,
            'Gaden ' || (1 + mod(i, 300)), split_part({element(CITIES, "i")}, ' ', 1),
            substr({element(CITIES, "i")}, 6), mod(i, 10) = 0, 'contact', true,
            'da_DK', true, %(user)s, now(), %(user)s, now()
        FROM (SELECT i, {name} AS n FROM generate_series(1, %(n)s) i) g
        """,
        params,
    )
    run(
        cr,
        "contacts' commercial partner",
        "UPDATE res_partner SET commercial_partner_id = id "
        "WHERE commercial_partner_id IS NULL",
    )
    run(
        cr,
        "messages of contacts",
        """
        INSERT INTO mail_message
            (model, res_id, record_name, message_type, subtype_id, is_internal,
             author_id, email_from, body, date, message_id,
             create_uid, create_date, write_uid, write_date)
        SELECT 'res.partner', %(partner0)s + 1 + floor(random() * %(n)s)::int,
            NULL, 'comment', 2, true, %(author)s, 'bench_user@example.com',
            '<p>Note ' || i || '</p>', now() - i * interval '1 minute',
            '<bench-partner-' || i || '@bench>', %(user)s, now(), %(user)s, now()
        FROM generate_series(1, %(m)s) i
        """,
        params,
    )


def main():
    arguments = parse_arguments()
    benchlib.check_bench_name(arguments.db)
    if not benchlib.database_exists(arguments.db):
        benchlib.install(arguments.db, arguments.modules)
    start = time.perf_counter()
    with benchlib.odoo_env(arguments.db) as env:
        ensure_users(env)
        env.cr.commit()
        if arguments.n and "borgerraadgiver.inquiry" in env:
            print(f"generating {arguments.n:,} inquiries over {arguments.years} years")
            fill_inquiries(
                env,
                arguments.n,
                arguments.years,
                arguments.last_day,
                arguments.seed,
                chatter=not arguments.no_chatter,
            )
            env.cr.commit()
        if arguments.partners:
            print(f"generating {arguments.partners:,} contacts")
            fill_partners(
                env, arguments.partners, arguments.partner_messages, arguments.seed
            )
            env.cr.commit()
        env.cr.execute("ANALYZE")
    print(f"generated in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
