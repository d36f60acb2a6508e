from . import thread
from . import annual_report
from . import journal
