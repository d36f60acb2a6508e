"""Consent before forwarding (§1.3, issue 17, item 1): the advisor offers to
pass a case on; without the citizen's consent a forward asks her to confirm.

Every way of forwarding (the form's button, a kanban drag, action_forward
over RPC) runs the inquiry's _check_forward, which refuses with
ForwardWithoutConsentError unless the context holds the advisor's
confirmation (FORWARD_WITHOUT_CONSENT). The error is a UserError: an RPC
client gets a clear refusal and nothing is forwarded. The web client shows it
as a question (static/src/views/forward_consent_dialog.js) whose button opens
the forward wizard with the confirmation; the forward then records it in the
inquiry's chatter."""

from odoo.exceptions import UserError

# the context key of the advisor's confirmation
FORWARD_WITHOUT_CONSENT = "borgerraadgiver_forward_without_consent"


class ForwardWithoutConsentError(UserError):
    """`message`, and for the web client's dialog (sent with the error as
    its context) the action its button runs and the button's text."""

    def __init__(self, message, action, button_text):
        super().__init__(message)
        self.context = {"action": action, "button_text": button_text}
