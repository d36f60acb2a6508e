from odoo.tools import SQL

from .models.borgerraadgiver_access_log import QUEUE_TABLE


def uninstall_hook(env):
    """The access log's queue is a table of no model: Odoo does not drop it."""
    env.cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(QUEUE_TABLE)))
