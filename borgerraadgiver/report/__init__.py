from . import borgerraadgiver_statistics_xlsx
from . import borgerraadgiver_annual_report_pdf
from . import borgerraadgiver_annual_report_docx
from . import borgerraadgiver_access_request
