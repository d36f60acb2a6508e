from . import thread
from . import annual_report
from . import journal
from . import access_log
from . import access_request
