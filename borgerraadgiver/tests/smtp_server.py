"""A real SMTP server on a loopback port for the tests (aiosmtpd), and a way
to let Odoo talk to it: in test mode Odoo neither connects nor sends."""

import contextlib
import email
import email.policy
import socket
from unittest.mock import patch

from aiosmtpd.controller import Controller

from odoo import modules


def free_port():
    """A loopback port nobody listens on (for now)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.SMTP
        )
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@contextlib.contextmanager
def smtp_server(port):
    """Run an SMTP server on 127.0.0.1:`port`; yield the list of messages it
    receives as (envelope sender, envelope recipients, email.message)."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler.messages
    finally:
        controller.stop()


@contextlib.contextmanager
def real_smtp():
    """Let ir.mail_server connect and send for real (Odoo skips both while
    a test runs)."""
    with patch.object(modules.module, "current_test", False):
        yield


def text_of(message):
    """The decoded text of every text part of `message`."""
    return "\n".join(
        part.get_content()
        for part in message.walk()
        if part.get_content_maintype() == "text"
    )
