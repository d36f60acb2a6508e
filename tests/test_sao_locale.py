"""sao, the web client, speaks Danish: sao-locale/da.po and its JSON.

sao ships no Danish; sao-locale/da.po translates its catalogue
(var/sao/locale/messages.pot, fetched by `make sao`) and
scripts/sao-locale.py writes the var/sao/locale/da.json that sao loads.
No server is needed.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from collections import Counter

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DA_PO = os.path.join(ROOT, 'sao-locale', 'da.po')
SCRIPT = os.path.join(ROOT, 'scripts', 'sao-locale.py')
SAO = os.path.join(ROOT, 'var', 'sao')
SAO_LOCALE = os.path.join(SAO, 'locale')
POT = os.path.join(SAO_LOCALE, 'messages.pot')
NO_SAO = "sao is not in var/sao: run `make sao`"

# %1, %(name)s, %s, {0}, {name}
PLACEHOLDER = re.compile(r'%\(\w+\)[a-z]|%\d+|%[sdif]|\{[^{}]*\}')


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text))


def convert(po_path):
    "Run scripts/sao-locale.py on po_path; return the JSON text it wrote."
    with tempfile.TemporaryDirectory() as directory:
        json_path = os.path.join(directory, 'out.json')
        subprocess.run([sys.executable, SCRIPT, po_path, json_path],
            check=True, stdout=subprocess.DEVNULL)
        with open(json_path, encoding='utf-8') as fp:
            return fp.read()


def translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[i]
            for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


class DanishCatalogueTestCase(unittest.TestCase):
    "sao-locale/da.po on its own"

    @classmethod
    def setUpClass(cls):
        cls.po = polib.pofile(DA_PO)

    def test_header(self):
        "The catalogue is Danish, UTF-8, with two plural forms"
        self.assertEqual(self.po.metadata.get('Language'), 'da')
        self.assertIn('charset=utf-8', self.po.metadata['Content-Type'])
        self.assertEqual(self.po.metadata.get('Plural-Forms'),
            'nplurals=2; plural=(n != 1);')

    def test_translated(self):
        "Every entry has a translation (each plural form), none fuzzy"
        for entry in self.po:
            with self.subTest(msgid=entry.msgid):
                self.assertNotIn('fuzzy', entry.flags)
                strings = translations(entry)
                self.assertEqual(
                    len(strings), 2 if entry.msgid_plural else 1)
                self.assertTrue(all(s.strip() for s in strings), strings)
        self.assertFalse(self.po.obsolete_entries())

    def test_placeholders(self):
        "Placeholders, line breaks and edge spaces are kept"
        for entry in self.po:
            sources = [entry.msgid]
            if entry.msgid_plural:
                sources = [entry.msgid, entry.msgid_plural]
            for i, text in enumerate(translations(entry)):
                source = sources[min(i, len(sources) - 1)]
                with self.subTest(msgid=entry.msgid, form=i):
                    self.assertEqual(
                        placeholders(text), placeholders(source))
                    self.assertEqual(text.count('\n'), source.count('\n'))
                    self.assertEqual(
                        text[len(text.rstrip()):],
                        source[len(source.rstrip()):])
                    self.assertEqual(
                        text[:len(text) - len(text.lstrip())],
                        source[:len(source) - len(source.lstrip())])

    def test_words(self):
        "The words of Danish office software"
        words = {e.msgid: e.msgstr for e in self.po}
        for msgid, msgstr in [
                ('New', 'Ny'),
                ('Save', 'Gem'),
                ('Delete', 'Slet'),
                ('Search', 'Søg'),
                ('Cancel', 'Annullér'),
                ('Login', 'Log ind'),
                ('Logout', 'Log ud'),
                ('User name', 'Brugernavn'),
                ('Database', 'Database'),
                ('Attachments', 'Vedhæftede filer'),
                ]:
            self.assertEqual(words[msgid], msgstr)


class ConverterTestCase(unittest.TestCase):
    "scripts/sao-locale.py writes what sao reads"

    def test_round_trip(self):
        "da.po converts to JSON holding every translation"
        po = polib.pofile(DA_PO)
        data = json.loads(convert(DA_PO))
        header = data.pop('')
        self.assertEqual(header['language'], 'da')
        self.assertEqual(
            header['plural-forms'], 'nplurals=2; plural=(n != 1);')
        self.assertEqual(data['New'], [None, 'Ny'])
        self.assertEqual(data['Save'], [None, 'Gem'])
        self.assertEqual(data['Search'], [None, 'Søg'])
        self.assertEqual(data['%1 record saved'],
            ['%1 records saved', '%1 post gemt', '%1 poster gemt'])
        self.assertEqual(
            data['This record has been modified\ndo you want to save it?'],
            [None, 'Posten er blevet ændret.\nVil du gemme den?'])
        expected = {
            e.msgid: [e.msgid_plural or None] + translations(e) for e in po}
        self.assertEqual(data, expected)

    def test_po_syntax(self):
        "Contexts, fuzzy entries, escapes and continued strings"
        sample = (
            '# a comment\n'
            'msgid ""\n'
            'msgstr ""\n'
            '"Content-Type: text/plain; charset=utf-8\\n"\n'
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
            '\n'
            '#: src/x.js:1\n'
            'msgid "Say \\"%1\\"\\n"\n'
            'msgstr ""\n'
            '"Sig "\n'
            '"\\"%1\\"\\n"\n'
            '\n'
            '#, fuzzy\n'
            'msgid "Guess"\n'
            'msgstr "Gæt"\n'
            '\n'
            'msgctxt "menu"\n'
            'msgid "Open"\n'
            'msgstr "Åbn"\n'
            '\n'
            'msgid "Untranslated"\n'
            'msgstr ""\n'
            '\n'
            '#~ msgid "Old"\n'
            '#~ msgstr "Gammel"\n')
        with tempfile.TemporaryDirectory() as directory:
            po_path = os.path.join(directory, 'sample.po')
            with open(po_path, 'w', encoding='utf-8') as fp:
                fp.write(sample)
            text = convert(po_path)
        self.assertEqual(json.loads(text), {
                '': {
                    'content-type': 'text/plain; charset=utf-8',
                    'plural-forms': 'nplurals=2; plural=(n != 1);',
                    },
                'Say "%1"\n': [None, 'Sig "%1"\n'],
                'menu\u0004Open': [None, 'Åbn'],
                'Untranslated': [None, ''],
                })
        self.assertTrue(text.startswith('{"":{"content-type":'))
        self.assertIn('"Åbn"', text)  # not \u escaped, as JSON.stringify


@unittest.skipUnless(os.path.isdir(SAO_LOCALE), NO_SAO)
class SaoCatalogueTestCase(unittest.TestCase):
    "da.po against the sao installed in var/sao"

    def test_complete(self):
        "Every message of sao's messages.pot is translated in da.po"
        pot = polib.pofile(POT)
        po = {(e.msgctxt, e.msgid): e for e in polib.pofile(DA_PO)}
        missing = []
        for message in pot:
            entry = po.get((message.msgctxt, message.msgid))
            if entry is None or not all(translations(entry)):
                missing.append(message.msgid)
                continue
            self.assertEqual(entry.msgid_plural, message.msgid_plural)
        self.assertEqual(missing, [], "untranslated in sao-locale/da.po")
        stale = set(po) - {(m.msgctxt, m.msgid) for m in pot}
        self.assertEqual(stale, set(),
            "in sao-locale/da.po but no longer in sao's messages.pot")

    def test_same_format_as_sao(self):
        "The script makes sao's own de.json from de.po, byte for byte"
        de_po = os.path.join(SAO_LOCALE, 'de.po')
        with open(os.path.join(SAO_LOCALE, 'de.json'),
                encoding='utf-8') as fp:
            self.assertEqual(convert(de_po), fp.read())

    def test_installed(self):
        "make sao wrote var/sao/locale/da.json from the current da.po"
        path = os.path.join(SAO_LOCALE, 'da.json')
        self.assertTrue(os.path.exists(path),
            f"{path} is missing: run `make sao`")
        with open(path, encoding='utf-8') as fp:
            self.assertEqual(fp.read(), convert(DA_PO),
                f"{path} is older than sao-locale/da.po: run `make sao`")
