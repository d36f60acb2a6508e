# This file is part of borgerraadgiver.  The COPYRIGHT file at the top level
# of this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import ValidationError


class InquiryValidationError(ValidationError):
    pass


class InquiryOldComplaintWarning(UserWarning):
    pass


class InquiryCPRNumberWarning(UserWarning):
    pass


class ReportPeriodError(UserError):
    pass


class SupervisionValidationError(ValidationError):
    pass
