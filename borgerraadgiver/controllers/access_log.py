"""The web client's paths into the access log (issue 17, item 5)."""

from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers import thread
from odoo.addons.web.controllers import dataset

from ..models.borgerraadgiver_access_log import LOGGED_MODELS

LOGGED_MODEL_NAMES = {model for model, _label in LOGGED_MODELS}
# The calls that write: reads logged, and the log's own searches (they spread
# its queue first)
WRITING_MODEL_NAMES = LOGGED_MODEL_NAMES | {"borgerraadgiver.access.log"}


class DataSet(dataset.DataSet):
    def _call_kw_readonly(self):
        """A call on a model whose reads are logged writes its log lines,
        and a search of the log spreads its queue: they run in a read/write
        transaction, on the primary database where Odoo has a read-only
        replica (elsewhere this changes nothing)."""
        if request.get_json_data()["params"].get("model") in WRITING_MODEL_NAMES:
            return False
        return super()._call_kw_readonly()

    @http.route(readonly=_call_kw_readonly)
    def call_kw(self, model, method, args, kwargs, path=None):
        return super().call_kw(model, method, args, kwargs, path=path)


class ThreadController(thread.ThreadController):
    @http.route()
    def mail_thread_messages(self, thread_model, thread_id, **kwargs):
        """The chatter's messages of an inquiry or a referral: logged as a
        read of the record's "message_ids"."""
        result = super().mail_thread_messages(thread_model, thread_id, **kwargs)
        if thread_model in LOGGED_MODEL_NAMES and result["messages"]:
            request.env[thread_model].browse(int(thread_id))._log_read(
                ["message_ids"], "messages"
            )
        return result
