from . import calendar_event
from . import borgerraadgiver_anonymisable
