from . import test_calendar_privacy
