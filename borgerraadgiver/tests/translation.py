# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
"""The module's translatable texts as Tryton exports them, to check and to
update locale/<lang>.po.  Run inside a transaction on a database where the
module is activated."""
import polib

from trytond.pool import Pool
from trytond.transaction import Transaction

MODULE = 'borgerraadgiver'


def export_po(lang='da'):
    "Return the POFile of the texts to translate, as trytond exports them"
    pool = Pool()
    Lang = pool.get('ir.lang')
    Translation = pool.get('ir.translation')
    TranslationSet = pool.get('ir.translation.set', type='wizard')
    TranslationUpdate = pool.get('ir.translation.update', type='wizard')
    with Transaction().set_context(active_test=False):
        language, = Lang.search([('code', '=', lang)])
        language.active = language.translatable = True
        language.save()
        session_id, _, _ = TranslationSet.create()
        TranslationSet(session_id).transition_set_()
        session_id, _, _ = TranslationUpdate.create()
        TranslationUpdate.execute(
            session_id, {'start': {'language': language.id}}, 'update')
    content = Translation.translation_export(lang, MODULE)
    return polib.pofile(content.decode('utf-8')) if content else polib.POFile()


def key(entry):
    return (entry.msgctxt, entry.msgid)


def merge(exported, existing):
    "Fill the exported entries with the translations of the existing file"
    translations = {key(e): e for e in existing if e.msgstr}
    for entry in exported:
        if key(entry) in translations:
            entry.msgstr = translations[key(entry)].msgstr
            entry.flags = translations[key(entry)].flags
    return exported
