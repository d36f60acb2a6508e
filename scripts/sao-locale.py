#!/usr/bin/env python3
"""Convert a PO catalogue of sao, Tryton's web client, into its JSON.

Usage: sao-locale.py [PO [JSON]]

Defaults: sao-locale/da.po -> var/sao/locale/da.json (paths relative to the
repository root).  sao loads locale/<language>.json, which its own build
makes with grunt-po2json in the "raw" format:

    {"": {headers, names lower-cased},
     msgid: [null, msgstr],
     msgid: [msgid_plural, msgstr[0], msgstr[1], ...]}

This script writes the same, byte for byte (compact JSON, no final newline,
fuzzy entries left out, a msgctxt joined to its msgid by U+0004), with the
standard library only, so that `make sao` needs no virtualenv.
"""
import json
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PO = os.path.join(ROOT, 'sao-locale', 'da.po')
DEFAULT_JSON = os.path.join(ROOT, 'var', 'sao', 'locale', 'da.json')

_ESCAPES = {
    'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\',
    'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v',
    }
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+'
    r'(".*")\s*$')


class POError(ValueError):
    pass


def _unquote(text, where):
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise POError(f"{where}: expected a quoted string: {text}")
    result = []
    chars = iter(text[1:-1])
    for char in chars:
        if char == '\\':
            escaped = next(chars, '')
            if escaped not in _ESCAPES:
                raise POError(f"{where}: unknown escape \\{escaped}")
            result.append(_ESCAPES[escaped])
        elif char == '"':
            raise POError(f"{where}: unescaped quote in {text}")
        else:
            result.append(char)
    return ''.join(result)


def parse_po(text, name='<po>'):
    """Return the entries of a PO file as dicts, in the file's order.

    Each has msgid, msgid_plural (or None), msgctxt (or None), msgstr (a
    list: one string, or one per plural form) and flags (a set).
    Obsolete entries (#~) are left out.
    """
    entries = []
    entry = None
    field = None
    flags = set()

    def finish():
        if entry is not None:
            if 'msgid' not in entry:
                raise POError(f"{name}: an entry without msgid")
            entry.setdefault('msgctxt', None)
            entry.setdefault('msgid_plural', None)
            strings = entry.pop('strings', {})
            entry['msgstr'] = [strings[i] for i in sorted(strings)]
            entries.append(entry)

    for number, line in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}"
        line = line.strip()
        if not line:
            continue
        if line.startswith('#'):
            if line.startswith('#,'):
                if entry is not None and 'msgid' in entry:
                    finish()
                    entry, field = None, None
                flags.update(
                    f.strip() for f in line[2:].split(',') if f.strip())
            continue
        if line.startswith('"'):
            if entry is None or field is None:
                raise POError(f"{where}: a string outside of an entry")
            value = _unquote(line, where)
            if isinstance(field, int):
                entry['strings'][field] += value
            else:
                entry[field] += value
            continue
        match = _KEYWORD.match(line)
        if not match:
            raise POError(f"{where}: cannot parse: {line}")
        keyword, value = match.group(1), _unquote(match.group(2), where)
        if keyword in ('msgctxt', 'msgid') and (
                entry is None or 'msgid' in entry):
            finish()
            entry, flags = {'flags': flags}, set()
        if entry is None:
            raise POError(f"{where}: {keyword} before msgid")
        if keyword.startswith('msgstr'):
            index = int(keyword[7:-1]) if '[' in keyword else 0
            entry.setdefault('strings', {})[index] = value
            field = index
        else:
            entry[keyword] = value
            field = keyword
    finish()
    return entries


def parse_header(text):
    "Headers as gettext-parser reads them: names lower-cased."
    headers = {}
    for line in text.split('\n'):
        name, _, value = line.strip().partition(':')
        name = name.strip().lower()
        if name:
            headers[name] = value.strip()
    return headers


def po_to_sao(entries):
    "The object that grunt-po2json (format raw) makes of the entries."
    result = {}
    headers = None
    for entry in entries:
        msgid, msgctxt = entry['msgid'], entry['msgctxt']
        if headers is None and not msgid and not msgctxt:
            headers = parse_header(entry['msgstr'][0]
                if entry['msgstr'] else '')
        if 'fuzzy' in entry['flags']:
            continue
        key = f'{msgctxt}\u0004{msgid}' if msgctxt else msgid
        result[key] = [entry['msgid_plural']] + entry['msgstr']
    if headers is not None:
        result[''] = headers
    return result


def dumps(data):
    "As JavaScript's JSON.stringify(data)."
    return json.dumps(data, ensure_ascii=False, separators=(',', ':'))


def convert(po_path, json_path):
    with open(po_path, encoding='utf-8') as fp:
        entries = parse_po(fp.read(), po_path)
    data = po_to_sao(entries)
    if '' not in data:
        raise POError(f"{po_path}: no header entry (msgid \"\")")
    directory = os.path.dirname(os.path.abspath(json_path))
    fd, tmp = tempfile.mkstemp(dir=directory, suffix='.tmp')
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as fp:
            fp.write(dumps(data))
        os.chmod(tmp, 0o644)
        os.replace(tmp, json_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return data


def main(argv):
    if len(argv) > 3 or any(a in ('-h', '--help') for a in argv[1:]):
        sys.exit(__doc__.split('\n\n')[1])
    po_path = argv[1] if len(argv) > 1 else DEFAULT_PO
    json_path = argv[2] if len(argv) > 2 else DEFAULT_JSON
    if not os.path.isdir(os.path.dirname(os.path.abspath(json_path))):
        sys.exit(f"sao-locale: {os.path.dirname(json_path)} is missing: "
            "run `make sao` first")
    try:
        data = convert(po_path, json_path)
    except (OSError, POError) as exception:
        sys.exit(f"sao-locale: {exception}")
    untranslated = sum(
        1 for key, value in data.items() if key and not all(value[1:]))
    print(f"sao-locale: {json_path}: {len(data) - 1} messages"
        + (f", {untranslated} untranslated" if untranslated else ''))


if __name__ == '__main__':
    main(sys.argv)
