"""The municipality's working-time calendar: Danish public holidays as its
global leaves, generated from the `holidays` package, and the working-day
arithmetic of the centres' deadlines."""

import logging
from datetime import date, datetime, time, timedelta

import holidays
import pytz

from odoo import api, fields, models, tools

from .municipal_day import MUNICIPAL_TZ, municipal_today

_logger = logging.getLogger(__name__)

# The `holidays` categories that are days off in a Danish municipality:
# "public" (helligdage) and "optional" (Grundlovsdag, juleaftensdag,
# nytårsaftensdag, 1. maj). Override with the system parameter
# borgerraadgiver.holiday_categories (comma-separated).
HOLIDAY_CATEGORIES = "public,optional"
CALENDAR_PARAM = "borgerraadgiver.resource_calendar_id"
CALENDAR_XMLID = "borgerraadgiver.resource_calendar_municipality"


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    borgerraadgiver_holiday_date = fields.Date(
        string="Danish Public Holiday",
        readonly=True,
        index=True,
        help="Set on the global leaves generated from the Danish public "
        "holidays; the yearly scheduled action keeps them up to date.",
    )


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    # ------------------------------------------------------------------
    # The calendar of the centres' deadlines
    # ------------------------------------------------------------------

    @api.model
    def _borgerraadgiver_calendar(self):
        """The municipality's calendar: the one chosen in the settings, or the
        one the addon ships."""
        value = self.env["ir.config_parameter"].sudo().get_param(CALENDAR_PARAM)
        calendar = self.sudo().browse(int(value)).exists() if value else self.sudo()
        # missing only while an update creates the tables, before the data
        return calendar or self.sudo().env.ref(CALENDAR_XMLID, raise_if_not_found=False)

    @api.model
    @tools.ormcache()
    def _borgerraadgiver_tz(self):
        """The name of the municipality's time zone: its calendar's. Asked
        for by every "today" of the addon (a list of inquiries computes
        which are overdue), so kept in the registry's cache, which a change
        of the settings' calendar clears (ir.config_parameter) and so does a
        change of a calendar's time zone (write, unlink)."""
        return self._borgerraadgiver_calendar().tz or MUNICIPAL_TZ

    def write(self, vals):
        if "tz" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _borgerraadgiver_local_dt(self, day):
        tz = pytz.timezone(self.tz or MUNICIPAL_TZ)
        return tz.localize(datetime.combine(day, time.min))

    def _borgerraadgiver_working_dates(self, date_from, date_to):
        """The working days from `date_from` to `date_to`, both included."""
        self.ensure_one()
        if date_to < date_from:
            return []
        start = self._borgerraadgiver_local_dt(date_from)
        stop = self._borgerraadgiver_local_dt(date_to + timedelta(days=1))
        tz = start.tzinfo
        intervals = self._work_intervals_batch(start, stop)[False]
        return sorted({begin.astimezone(tz).date() for begin, _end, _meta in intervals})

    def _borgerraadgiver_add_working_days(self, day, days):
        """The `days`-th working day after `day` (`day` itself not counted)."""
        self.ensure_one()
        if days <= 0:
            return day
        start = self._borgerraadgiver_local_dt(day + timedelta(days=1))
        end = self.plan_days(days, start, compute_leaves=True)
        if not end:
            return day + timedelta(days=days)
        return end.astimezone(start.tzinfo).date()

    def _borgerraadgiver_count_working_days(self, date_from, date_to):
        """Working days after `date_from` up to `date_to` included; negative
        when `date_to` comes first."""
        self.ensure_one()
        if date_to >= date_from:
            return len(
                self._borgerraadgiver_working_dates(
                    date_from + timedelta(days=1), date_to
                )
            )
        return -len(
            self._borgerraadgiver_working_dates(date_to + timedelta(days=1), date_from)
        )

    # ------------------------------------------------------------------
    # Danish public holidays as global leaves
    # ------------------------------------------------------------------

    @api.model
    def _borgerraadgiver_danish_holidays(self, year):
        categories = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("borgerraadgiver.holiday_categories", HOLIDAY_CATEGORIES)
        )
        return holidays.country_holidays(
            "DK",
            years=year,
            language="da",
            categories=tuple(c.strip() for c in categories.split(",") if c.strip()),
        )

    def _borgerraadgiver_sync_holidays(self, years):
        """Make the generated global leaves of `years` those of the package:
        create the missing ones, rename changed ones, drop abolished ones
        (Store Bededag, 2024). Leaves typed by hand are left alone."""
        Leaves = self.env["resource.calendar.leaves"].sudo()
        for calendar in self:
            tz = pytz.timezone(calendar.tz or MUNICIPAL_TZ)
            for year in years:
                wanted = calendar._borgerraadgiver_danish_holidays(year)
                existing = Leaves.search(
                    [
                        ("calendar_id", "=", calendar.id),
                        ("resource_id", "=", False),
                        ("borgerraadgiver_holiday_date", ">=", date(year, 1, 1)),
                        ("borgerraadgiver_holiday_date", "<=", date(year, 12, 31)),
                    ]
                )
                by_date = {
                    leave.borgerraadgiver_holiday_date: leave for leave in existing
                }
                (
                    existing
                    - Leaves.browse(
                        leave.id for day, leave in by_date.items() if day in wanted
                    )
                ).unlink()
                to_create = []
                for day, name in sorted(wanted.items()):
                    leave = by_date.get(day)
                    if leave:
                        if leave.name != name:
                            leave.name = name
                        continue
                    start = tz.localize(datetime.combine(day, time.min))
                    stop = tz.localize(datetime.combine(day, time.max))
                    to_create.append(
                        {
                            "name": name,
                            "calendar_id": calendar.id,
                            "company_id": calendar.company_id.id,
                            "resource_id": False,
                            "time_type": "leave",
                            "date_from": start.astimezone(pytz.utc).replace(
                                tzinfo=None, microsecond=0
                            ),
                            "date_to": stop.astimezone(pytz.utc).replace(
                                tzinfo=None, microsecond=0
                            ),
                            "borgerraadgiver_holiday_date": day,
                        }
                    )
                if to_create:
                    Leaves.create(to_create)

    @api.model
    def _cron_borgerraadgiver_update_holidays(self):
        """Yearly: the Danish public holidays of this year and the next in the
        municipality's calendar."""
        year = municipal_today(self.env).year
        calendar = self._borgerraadgiver_calendar()
        calendar._borgerraadgiver_sync_holidays([year, year + 1])
        self.env["borgerraadgiver.inquiry"]._recount_answer_working_days(year)
        _logger.info(
            "Danish public holidays of %s and %s in calendar %s",
            year,
            year + 1,
            calendar.display_name,
        )
