"""CPR numbers in free text (§1.4): found to warn the advisor, masked where a
text leaves the advisor's hands (the reminders: "[CPR]") and, in one click of
the advisor, wherever they arrived (borgerraadgiver_cpr_mixin.py: the birth
date kept, the serial number hidden, DDMMYY-XXXX).

A candidate is six digits of the birth date, maybe a dash or a space, and four
digits (DDMMYY-XXXX, DDMMYYXXXX, DDMMYY XXXX; in a message's HTML also
DDMMYY&nbsp;XXXX), not part of a longer number. It counts when its birth date
is a real date (stdnum.dk.cpr, which takes the century from the seventh
digit), so that 390199-1234 is no CPR number. The
modulus-11 check is not made: CPR numbers given since 2007 do not all satisfy
it. Neither is a birth date in the future refused: a warning too many is
better than a CPR number missed."""

import re

from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumValidationError

# a dash, a space or a no-break space (in HTML maybe an entity) between the
# date and the serial number
CPR_CANDIDATE = re.compile(r"(?<!\d)(\d{6})(?:[-\u00a0 ]|&nbsp;)?(\d{4})(?!\d)")

CPR_MASK = "[CPR]"
# the birth date kept, the serial number hidden
SERIAL_MASK = "XXXX"


def _is_cpr_number(match):
    try:
        stdnum_cpr.get_birth_date(match[1] + match[2])
    except StdnumValidationError:
        return False
    return True


def find_cpr_numbers(text):
    """The CPR numbers in text, as they are written there."""
    return [
        match[0]
        for match in CPR_CANDIDATE.finditer(text or "")
        if _is_cpr_number(match)
    ]


def holds_cpr_number(text):
    return any(_is_cpr_number(match) for match in CPR_CANDIDATE.finditer(text or ""))


def mask_cpr_numbers(text, mask=CPR_MASK):
    """text with every CPR number in it replaced by mask."""
    return CPR_CANDIDATE.sub(
        lambda match: mask if _is_cpr_number(match) else match[0], text or ""
    )


def mask_cpr_serials(text):
    """text with the serial number of every CPR number in it hidden:
    010190-1234, 0101901234 and 010190 1234 become 010190-XXXX."""
    return CPR_CANDIDATE.sub(
        lambda match: (
            f"{match[1]}-{SERIAL_MASK}" if _is_cpr_number(match) else match[0]
        ),
        text or "",
    )
