#!/usr/bin/env python3
"""Load the demo data of borgerraadgiver into a Tryton database.

    python scripts/load_demo.py -c var/demo/trytond.conf -d borgerraadgiver

The database must exist with the module activated (see scripts/demo.sh).
The data come from trytond.modules.borgerraadgiver.demo.load_demo(), which is
idempotent and returns the demo users as (login, password, description)
tuples: they are printed at the end.  The admin user gets the language
given by --language (Danish by default), which is made translatable.
"""
import argparse
import logging
import sys


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        '-c', '--config', dest='config', required=True,
        help="trytond configuration file")
    parser.add_argument(
        '-d', '--database', dest='database', required=True,
        help="database name")
    parser.add_argument(
        '-l', '--language', default='da',
        help="language of the admin user (default: %(default)s)")
    return parser.parse_args(argv)


def set_admin_language(code):
    from trytond.pool import Pool
    from trytond.transaction import inactive_records

    pool = Pool()
    Lang = pool.get('ir.lang')
    User = pool.get('res.user')
    with inactive_records():
        languages = Lang.search([('code', '=', code)], limit=1)
    if not languages:
        print(f"warning: no language {code!r}: admin's language unchanged",
            file=sys.stderr)
        return
    language, = languages
    if not language.translatable or not language.active:
        language.translatable = language.active = True
        language.save()
    with inactive_records():
        admins = User.search([('login', '=', 'admin')])
    for admin in admins:
        if admin.language != language:
            admin.language = language
    User.save(admins)


def print_users(users, database):
    lines = [f"Demo users of database {database!r}:", ""]
    if users:
        width = max(len(str(login)) for login, _, _ in users)
        pwidth = max(len(str(password)) for _, password, _ in users)
        for login, password, description in users:
            lines.append(
                f"  {login:<{width}} / {password:<{pwidth}}  {description}")
    else:
        lines.append("  (load_demo() returned no users)")
    size = max(len(line) for line in lines)
    print("+" + "-" * (size + 2) + "+")
    for line in lines:
        print(f"| {line:<{size}} |")
    print("+" + "-" * (size + 2) + "+")


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from trytond import config
    config.update_etc(args.config)

    from trytond.pool import Pool
    from trytond.transaction import Transaction

    Pool(args.database).init()

    from trytond.modules.borgerraadgiver.demo import load_demo

    context = {
        # Records are written in the database's default language.
        'language': config.get('database', 'language'),
        # The demo contains on purpose what the module warns about (old
        # complaints ...): the loader accepts those warnings.
        '_skip_warnings': True,
        }
    with Transaction().start(
            args.database, 0, context=context) as transaction:
        set_admin_language(args.language)
        users = load_demo()
        transaction.commit()
    print_users(users or [], args.database)


if __name__ == '__main__':
    main()
