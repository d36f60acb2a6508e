#!/usr/bin/env python3
"""Update borgerraadgiver/locale/<lang>.po from the module's texts.

    .venv/bin/python scripts/update-translation.py [da]

Activates the installed module (make install) in an in-memory SQLite
database, exports its texts as Tryton does, keeps the translations the file
already has and adds the new texts with an empty msgstr; the module's test
test_translation_complete fails until they are translated."""
import os
import sys
from pathlib import Path

os.environ['DB_NAME'] = ':memory:'
os.environ['TRYTOND_DATABASE__URI'] = 'sqlite://'

import polib  # noqa: E402

from trytond.modules.borgerraadgiver.tests.translation import (  # noqa: E402
    export_po, merge)
from trytond.tests.test_tryton import DB_NAME, activate_module  # noqa: E402
from trytond.transaction import Transaction  # noqa: E402

PO_DIR = Path(__file__).resolve().parent.parent / 'borgerraadgiver' / 'locale'


def main(lang='da'):
    path = PO_DIR / f'{lang}.po'
    activate_module('borgerraadgiver')
    with Transaction().start(DB_NAME, 0):
        exported = export_po(lang)
    existing = polib.pofile(str(path)) if path.exists() else []
    merged = merge(exported, existing)
    merged.save(str(path))
    missing = [e for e in merged if not e.msgstr]
    print(f"{path}: {len(merged)} entries, {len(missing)} to translate")


if __name__ == '__main__':
    main(*sys.argv[1:])
