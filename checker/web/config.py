"""Default settings. Secrets never live here: the secret key is made per instance on first start."""

import os
import secrets
from pathlib import Path

PER_PAGE = 25
SUPPORTED_LOCALES = ("nb", "en")


def _secret_key(instance_path: Path) -> str:
    """CHECKER_SECRET_KEY, else a key generated once and kept in the instance folder."""
    configured = os.environ.get("CHECKER_SECRET_KEY")
    if configured:
        return configured
    path = instance_path / "secret_key"
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
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies need HTTPS; the local first look runs on plain http://127.0.0.1.
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo",
        "LOGIN_RATE_LIMIT": "5 per minute",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        "PER_PAGE": PER_PAGE,
        # "pool": reports render in a child process; "inline": in the request (tests).
        "REPORT_RENDERING": "pool",
        # "thread": assessing every tender runs beside the request, the page shows progress;
        # "inline": in the request (tests).
        "ASSESSMENT_RUNNING": "thread",
        # OCDS identifiers start with the publisher's registered prefix (see README, open data).
        "OCDS_PREFIX": os.environ.get("CHECKER_OCDS_PREFIX", "ocds-xxxxxx"),
        # Statistics pages a worker keeps until the organisation's figures change (0: none).
        "STATISTICS_CACHE": int(os.environ.get("CHECKER_STATISTICS_CACHE", "128") or 0),
    }


def _driver(url: str) -> str:
    """postgres:// and postgresql:// URLs use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
