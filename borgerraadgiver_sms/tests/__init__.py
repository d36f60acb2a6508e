from . import test_sms_resend
