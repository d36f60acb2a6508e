"""The Danish of the core modules' screens, from i18n_extra/<lang>.po.

Odoo reads a module's po files from ``<module>/i18n/`` and then
``<module>/i18n_extra/`` (``odoo.tools.translate.get_po_paths``). For the
terms stored in the database (field labels, views, menus, mail templates,
activity types …) a po entry names the record by its XML id, whatever the
module, so ``borgerraadgiver/i18n_extra/da.po`` translates records of mail,
web or base as soon as the addon's translations are loaded (install, update,
language load), after those modules' own (dependencies first).

The terms of the code (``_()`` in Python, ``_t()`` and the OWL templates of
the web client) are not stored: Odoo reads them per module, and only from
that module's own po files (``CodeTranslations``), so the Danish of mail's
"Following" has to be found among mail's terms. The entries of
i18n_extra/<lang>.po keep the references of mail's own po file
(``#: code:addons/mail/static/src/…``); this adds them to the terms Odoo
reads for that module, after its own files (ours win). That is all this
module does: it changes no term of a module our file does not name, and
the web client and ``_()`` find the Danish where they always look.
"""

import logging
from contextlib import suppress

import polib

from odoo.tools import translate
from odoo.tools.misc import file_path

_logger = logging.getLogger(__name__)

EXTRA_DIR = "borgerraadgiver/i18n_extra"

_stock_get_code_translations = translate.CodeTranslations._get_code_translations


def _extra_po_paths(lang):
    """Our i18n_extra files for `lang`: the base language first (da), then
    the regional one (da_DK), as Odoo orders them."""
    for name in dict.fromkeys([lang.split("_", 1)[0], lang]):
        with suppress(FileNotFoundError):
            yield file_path(f"{EXTRA_DIR}/{name}.po")


def _extra_code_translations(module_name, lang):
    """[(source, translation, comments)] of the code terms of `module_name`
    in our i18n_extra files: the entries with a code occurrence in that
    module (``#: code:addons/mail/static/src/…``)."""
    prefix = f"code:addons/{module_name}/"
    terms = []
    for path in _extra_po_paths(lang):
        for entry in polib.pofile(path):
            if entry.obsolete or not entry.msgstr:
                continue
            if any(where.startswith(prefix) for where, _line in entry.occurrences):
                terms.append((entry.msgid, entry.msgstr, entry.comment))
    return terms


def _get_code_translations(module_name, lang, filter_func):
    translations = _stock_get_code_translations(module_name, lang, filter_func)
    if module_name == "borgerraadgiver":
        # Odoo reads our i18n_extra files for us already
        return translations
    try:
        extra = _extra_code_translations(module_name, lang)
    except Exception:  # a broken file must not break the module's own terms
        _logger.exception("could not read %s for %s", EXTRA_DIR, module_name)
        return translations
    for src, value, comments in extra:
        # filter_func keeps the Python or the JavaScript terms, by the
        # comment "odoo-python" or "odoo-javascript"
        if filter_func({"src": src, "value": value, "comments": comments}):
            translations[src] = value
    return translations


translate.CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
# Terms read before this module was imported are read again
translate.code_translations.python_translations.clear()
translate.code_translations.web_translations.clear()
