"""The municipality's day: "today" for every date rule, default, deadline,
reminder, mail arriving through the gateway and the demo is the day in the
time zone of the municipality's working-day calendar (Europe/Copenhagen),
whoever or whatever runs the code: a user in another time zone, the
superuser in a scheduled action, the mail gateway with no time zone at all.
Odoo's ``fields.Date.context_today`` gives the day of the user's time zone
(UTC when there is none), the database's ``CURRENT_DATE`` the day of the
database server: neither is the municipality's day around midnight."""

from datetime import datetime

import pytz

from odoo import fields

# When no calendar is set (while an update creates the tables) or it has no
# time zone
MUNICIPAL_TZ = "Europe/Copenhagen"


def municipal_tz(env):
    """The time zone of the municipality's working-day calendar."""
    return pytz.timezone(env["resource.calendar"]._borgerraadgiver_tz())


def municipal_date(env, timestamp):
    """The municipality's day at `timestamp`, a UTC datetime (naive, as Odoo
    stores them, or aware)."""
    if isinstance(timestamp, str):
        timestamp = fields.Datetime.to_datetime(timestamp)
    if timestamp.tzinfo is None:
        timestamp = pytz.utc.localize(timestamp)
    return timestamp.astimezone(municipal_tz(env)).date()


def municipal_now(env):
    """Now in the municipality's time zone, an aware datetime."""
    return datetime.now(pytz.utc).astimezone(municipal_tz(env))


def municipal_today(env):
    """Today in the municipality: the day of every date rule of the addon."""
    return municipal_now(env).date()
