"""Sending one e-mail: through the SMTP server the settings name (with STARTTLS, implicit TLS
or none), or, by default, into a folder of the instance, one .eml file a message."""

import smtplib
import ssl
from email import message_from_bytes
from email import policy
from email.message import EmailMessage
from email.utils import formatdate
from email.utils import make_msgid
from pathlib import Path

from checker import clock


class MailError(Exception):
    """The message could not be handed over; the text says why (kept with the notice)."""


def message(sender: str, recipient: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = recipient
    mail["Subject"] = subject
    mail["Date"] = formatdate(clock.now().timestamp(), localtime=False)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or "localhost")
    mail.set_content(body)  # UTF-8 text; the library chooses the transfer encoding
    return mail


def _tls_context(config: dict) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=config.get("MAIL_CA_FILE") or None)


def _smtp(config: dict, mail: EmailMessage) -> None:
    host, port, timeout = config["MAIL_HOST"], config["MAIL_PORT"], config["MAIL_TIMEOUT"]
    tls = config["MAIL_TLS"]
    if tls not in ("starttls", "ssl", "none"):
        raise MailError(f"MAIL_TLS must be starttls, ssl or none, not {tls!r}")
    try:
        if tls == "ssl":
            server = smtplib.SMTP_SSL(host, port, timeout=timeout, context=_tls_context(config))
        else:
            server = smtplib.SMTP(host, port, timeout=timeout)
        with server:
            if tls == "starttls":
                server.starttls(context=_tls_context(config))
            if config.get("MAIL_USERNAME"):
                server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            server.send_message(mail)
    except (OSError, smtplib.SMTPException) as err:
        raise MailError(f"{type(err).__name__}: {err}"[:480]) from None


def _folder(config: dict, mail: EmailMessage, name: str) -> None:
    folder = Path(config["MAIL_FOLDER"])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.eml").write_bytes(bytes(mail))
    except OSError as err:
        raise MailError(f"{type(err).__name__}: {err}"[:480]) from None


def deliver(config: dict, mail: EmailMessage, name: str) -> None:
    """Hand the message over as configured; raises MailError when it cannot."""
    if config["MAIL_BACKEND"] == "smtp":
        _smtp(config, mail)
    else:
        _folder(config, mail, name)


def read_folder(config: dict) -> list[tuple[str, EmailMessage]]:
    """The messages written to the folder, newest first (for the development page)."""
    folder = Path(config["MAIL_FOLDER"])
    files = sorted(folder.glob("*.eml"), reverse=True) if folder.is_dir() else []
    return [(f.stem, message_from_bytes(f.read_bytes(), policy=policy.default)) for f in files]
