#!/usr/bin/env python3
"""Make a language ready for a Tryton database: present and translatable.

    python scripts/setup_language.py -c CONF -d DATABASE [-l da]

Tryton 8.0 ships no Danish (no ir.lang record with code "da"), and a
module's locale/da.po can only be loaded once that record exists (the
language of ir.translation is a selection of the ir.lang records).  Run
this after `trytond-admin --all` and before `trytond-admin -u MODULE`:

- when no ir.lang has the code and no installed module ships one in its XML
  data, it creates the record (Danish formats for "da");
- it activates the language and makes it translatable, so that every later
  `trytond-admin -u` loads the modules' translations for it.

Safe to rerun.
"""
import argparse
import glob
import os
import sys

# Formats of the languages this script knows how to create.
LANGUAGES = {
    'da': {
        'code': 'da',
        'name': 'Danish',
        'nplurals': 2,
        'plural': 'n != 1',
        'date': '%d.%m.%Y',
        'am': '',
        'pm': '',
        'grouping': '[3, 3, 0]',
        'decimal_point': ',',
        'thousands_sep': '.',
        'mon_grouping': '[3, 3, 0]',
        'mon_decimal_point': ',',
        'mon_thousands_sep': '.',
        'p_sign_posn': 1,
        'n_sign_posn': 1,
        'positive_sign': '',
        'negative_sign': '-',
        'p_cs_precedes': False,
        'n_cs_precedes': False,
        'p_sep_by_space': True,
        'n_sep_by_space': True,
        'pg_text_search': 'danish',
        },
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', '--config', required=True,
        help="trytond configuration file")
    parser.add_argument('-d', '--database', required=True,
        help="database name")
    parser.add_argument('-l', '--language', default='da',
        help="language code (default: %(default)s)")
    return parser.parse_args(argv)


def shipped_by_module(code):
    "The module XML files that define an ir.lang record (for any code)"
    import trytond.modules
    found = []
    for directory in trytond.modules.__path__:
        pattern = os.path.join(directory, '*', '*.xml')
        for path in glob.glob(pattern):
            with open(path, encoding='utf-8', errors='replace') as fp:
                content = fp.read()
            if ('model="ir.lang"' in content
                    and f'<field name="code">{code}</field>' in content):
                found.append(path)
    # Tryton's own languages are in trytond/ir/lang.xml, not in modules.
    return found


def setup_language(code):
    from trytond.pool import Pool
    from trytond.transaction import inactive_records

    Lang = Pool().get('ir.lang')
    with inactive_records():
        languages = Lang.search([('code', '=', code)])
    if not languages:
        modules = shipped_by_module(code)
        if modules:
            print(f"language {code}: created by {', '.join(modules)} on "
                "trytond-admin -u")
            return
        if code not in LANGUAGES:
            sys.exit(f"language {code}: unknown to Tryton and to this script")
        languages = Lang.create([LANGUAGES[code]])
        print(f"language {code}: created")
    for language in languages:
        language.active = True
        language.translatable = True
    Lang.save(languages)
    print(f"language {code}: active and translatable")


def main(argv=None):
    args = parse_args(argv)

    from trytond import config
    config.update_etc(args.config)

    from trytond.pool import Pool
    from trytond.transaction import Transaction

    Pool(args.database).init()
    with Transaction().start(args.database, 0) as transaction:
        setup_language(args.language)
        transaction.commit()


if __name__ == '__main__':
    main()
