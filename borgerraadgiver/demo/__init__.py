from . import borgerraadgiver_demo
