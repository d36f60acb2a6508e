from . import borgerraadgiver_demo
from . import borgerraadgiver_demo_points
