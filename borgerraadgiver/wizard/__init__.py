from . import borgerraadgiver_referral_send
from . import borgerraadgiver_referral_answer
from . import borgerraadgiver_anonymise
