from . import borgerraadgiver_demo
from . import borgerraadgiver_findings_demo
from . import borgerraadgiver_demo_points
