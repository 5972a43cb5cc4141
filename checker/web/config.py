"""Default settings. Secrets never live here: the secret key is made per instance on first start."""

import os
import secrets
from pathlib import Path

PER_PAGE = 25


def _secret_key(instance_path: Path, variable="CHECKER_SECRET_KEY", name="secret_key") -> str:
    """The variable's value, else a key generated once and kept in the instance folder."""
    configured = os.environ.get(variable)
    if configured:
        return configured
    path = instance_path / name
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def default_config(instance_path: Path) -> dict:
    instance_path.mkdir(parents=True, exist_ok=True)
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'checker.sqlite'}"
    https = os.environ.get("CHECKER_HTTPS", "") == "1"
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _driver(database),
        # Idle connections are pinged before use (faults.ping_when_idle), not every checkout.
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies need HTTPS; the local first look runs on plain http://127.0.0.1.
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo",
        # Shared limits (checker.web.limits), counted in the database: failed and attempted
        # logins per address and per account; anonymous self-assessments started and assessed
        # per address; entries in one anonymous draft.
        "LOGIN_RATE_LIMIT": "5 per minute",
        "LOGIN_ACCOUNT_LIMIT": "10 per 15 minutes",
        "DRAFTS_PER_ADDRESS": "20 per hour",
        "ASSESSMENTS_PER_ADDRESS": "600 per hour",
        "MAX_DRAFT_ENTRIES": 2000,
        # Calls to the JSON API per token (checker.web.followup.api), counted the same way.
        "API_RATE_LIMIT": os.environ.get("CHECKER_API_RATE_LIMIT", "120 per minute"),
        # Sessions end after this long without activity (officers, auditors, administrators;
        # contractors) and this long after login whatever happens.
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_IDLE_MINUTES_CONTRACTOR": 240,
        "SESSION_LIFETIME_HOURS": 12,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # A dossier carries every report and evidence file: its check page takes more.
        "DOSSIER_UPLOAD_LIMIT": 200 * 1024 * 1024,
        "PER_PAGE": PER_PAGE,
        # Background work (checker.web.jobs): "auto" is the queue on PostgreSQL and a thread of
        # the server process on SQLite; "inline" runs jobs in the request (tests, commands).
        "JOBS": os.environ.get("CHECKER_JOBS", "auto"),
        # Workers send a heartbeat this often; one silent for JOB_STALLED_AFTER seconds is taken
        # for dead, and the live ones look for such jobs every JOB_CHECK_EVERY seconds.
        "JOB_HEARTBEAT_EVERY": _seconds("CHECKER_JOB_HEARTBEAT_EVERY", 5),
        "JOB_STALLED_AFTER": _seconds("CHECKER_JOB_STALLED_AFTER", 20),
        "JOB_CHECK_EVERY": _seconds("CHECKER_JOB_CHECK_EVERY", 10),
        # OCDS identifiers start with the publisher's registered prefix (see README, open data).
        "OCDS_PREFIX": os.environ.get("CHECKER_OCDS_PREFIX", "ocds-xxxxxx"),
        # Reports, dossiers and audit checkpoints are signed with the organisation's enterprise
        # certificate (PKCS#12) when configured, else with a key the instance makes for itself.
        "SIGNING_PKCS12": os.environ.get("CHECKER_SIGNING_PKCS12", ""),
        "SIGNING_PASSWORD": os.environ.get("CHECKER_SIGNING_PASSWORD", ""),
        "SIGNING_NAME": os.environ.get("CHECKER_SIGNING_NAME", "climate-checker"),
        # Each audit entry is sealed with this key, so one added straight into the database is
        # found; a signed checkpoint of the chain's head is written every N entries and daily.
        "AUDIT_SEAL_KEY": _secret_key(instance_path, "CHECKER_AUDIT_SEAL_KEY", "audit_seal_key"),
        "AUDIT_CHECKPOINT_EVERY": 1000,
        **mail_config(instance_path),
        # Statistics pages a worker keeps until the organisation's figures change (0: none).
        "STATISTICS_CACHE": int(os.environ.get("CHECKER_STATISTICS_CACHE", "128") or 0),
        # Dashboard and list pages a worker keeps until the data changes (0: none).
        "PAGE_CACHE": int(os.environ.get("CHECKER_PAGE_CACHE", "512") or 0),
    }


def mail_config(instance_path: Path) -> dict:
    """E-mail: SMTP when a host is configured, else into a folder of the instance (a first look
    needs no mail server; the development page /dev/mail shows what was written there)."""
    host = os.environ.get("CHECKER_SMTP_HOST", "")
    return {
        "MAIL_BACKEND": "smtp" if host else "folder",
        "MAIL_HOST": host,
        "MAIL_PORT": int(os.environ.get("CHECKER_SMTP_PORT") or 587),
        # starttls (port 587), ssl (implicit TLS, port 465) or none (a relay on the same host).
        "MAIL_TLS": os.environ.get("CHECKER_SMTP_TLS", "starttls"),
        "MAIL_USERNAME": os.environ.get("CHECKER_SMTP_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("CHECKER_SMTP_PASSWORD", ""),
        # A CA bundle for a relay whose certificate an internal authority signed.
        "MAIL_CA_FILE": os.environ.get("CHECKER_SMTP_CA_FILE", ""),
        "MAIL_SENDER": os.environ.get("CHECKER_MAIL_SENDER", "Klimakravsjekk <noreply@localhost>"),
        "MAIL_TIMEOUT": 15,
        "MAIL_FOLDER": str(instance_path / "mail"),
        # Days between the award notice and the contract (karensperiode, FOA § 25-2).
        "STANDSTILL_DAYS": int(os.environ.get("CHECKER_STANDSTILL_DAYS") or 10),
        # Where users send feedback on accessibility (the accessibility statement names it).
        "ACCESSIBILITY_CONTACT": os.environ.get("CHECKER_ACCESSIBILITY_CONTACT", ""),
    }


def _seconds(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def _driver(url: str) -> str:
    """postgres:// and postgresql:// URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
