from . import borgerraadgiver_centre
from . import borgerraadgiver_category
from . import borgerraadgiver_inquiry
from . import borgerraadgiver_supervision
from . import res_config_settings
from . import borgerraadgiver_demo
