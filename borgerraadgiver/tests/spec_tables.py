"""The tables 3.1-3.4 of Stevns Kommune's report for 1 January 2020 to
15 March 2021, as printed in the specification, for the tests to compare."""

import datetime as dt

PERIOD = (dt.date(2020, 1, 1), dt.date(2021, 3, 15))
CENTRES = ["P&B", "AM", "B&L", "S&O", "T&M", "ØH&I"]

QUARTERS = {
    "1. kvt. 20": (dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
    "2. kvt. 20": (dt.date(2020, 4, 1), dt.date(2020, 6, 30)),
    "3. kvt. 20": (dt.date(2020, 7, 1), dt.date(2020, 9, 30)),
    "4. kvt. 20": (dt.date(2020, 10, 1), dt.date(2020, 12, 31)),
    "Jan. - midt marts 2021": (dt.date(2021, 1, 1), dt.date(2021, 3, 15)),
}

# quarter: (inquiries, without handling, with handling)
TABLE_3_1 = {
    "1. kvt. 20": (5, 1, 4),
    "2. kvt. 20": (0, 0, 0),
    "3. kvt. 20": (9, 0, 9),
    "4. kvt. 20": (5, 0, 5),
    "Jan. - midt marts 2021": (14, 2, 12),
}
# quarter: handled inquiries by centre
TABLE_3_2 = {
    "1. kvt. 20": [0, 0, 2, 1, 0, 1],
    "2. kvt. 20": [0, 0, 0, 0, 0, 0],
    "3. kvt. 20": [0, 1, 3, 3, 2, 0],
    "4. kvt. 20": [0, 0, 3, 2, 0, 0],
    "Jan. - midt marts 2021": [1, 4, 5, 0, 2, 0],
}
# category code: handled inquiries by centre
TABLE_3_3 = {
    "1": [0, 2, 1, 2, 1, 1],
    "2": [0, 0, 0, 0, 0, 0],
    "3": [0, 0, 0, 2, 0, 0],
    "4": [0, 1, 8, 1, 3, 0],
    "5": [0, 0, 0, 0, 0, 0],
    "6": [0, 1, 4, 0, 0, 0],
    "7": [1, 1, 0, 1, 0, 0],
}
# subcategory code of category 4: handled inquiries by centre
TABLE_3_4 = {
    "4.1": [0, 1, 5, 0, 3, 0],
    "4.2": [0, 0, 1, 0, 0, 0],
    "4.3": [0, 0, 1, 0, 0, 0],
    "4.4": [0, 0, 0, 0, 0, 0],
    "4.5": [0, 0, 0, 0, 0, 0],
    "4.6": [0, 0, 1, 1, 0, 0],
}
TOTALS_BY_CENTRE = [1, 5, 13, 6, 4, 1]
