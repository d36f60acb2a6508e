from . import test_portal_wizard
