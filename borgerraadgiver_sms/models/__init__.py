from . import sms_resend_recipient
