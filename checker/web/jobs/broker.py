"""The queue on PostgreSQL: procrastinate, in the database the application already uses.

Why procrastinate: it is a maintained queue that needs nothing but PostgreSQL (no broker to run
and secure beside it), defers a job inside the transaction that records the work (never a record
without its job or a job without its record), wakes workers by LISTEN/NOTIFY, and keeps a
heartbeat per worker. Its tables live in their own schema, `procrastinate` (see the migration).

A worker whose heartbeat has stopped for JOB_STALLED_AFTER seconds is taken for dead: the check
below, run by the live workers every JOB_CHECK_EVERY seconds, puts its job back in the queue
(up to MAX_ATTEMPTS tries in all) or marks it failed, and says so on the job's record.
"""

import os
import socket

import procrastinate
from flask import Flask
from procrastinate import RetryStrategy
from procrastinate.jobs import Status
from procrastinate.utils import sync_to_async
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from checker.web.extensions import db
from checker.web.jobs.queue import MAX_ATTEMPTS
from checker.web.jobs.queue import execute
from checker.web.jobs.queue import tell

QUEUE_SCHEMA = "procrastinate"
TASK = "checker.job"
_brokers: dict[tuple, procrastinate.App] = {}
_worker_app: Flask | None = None  # the Flask app a worker's jobs run in


def _conninfo() -> str:
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def broker(app: Flask) -> procrastinate.App:
    """The procrastinate app for this database (one per process), with the job task and the
    stalled-job check defined on it."""
    with app.app_context():
        key = (_conninfo(), app.config["JOB_CHECK_EVERY"], app.config["JOB_STALLED_AFTER"])
    if key not in _brokers:
        connector = procrastinate.PsycopgConnector(
            conninfo=key[0], kwargs={"options": f"-c search_path={QUEUE_SCHEMA},public"}
        )
        _brokers[key] = _define(procrastinate.App(connector=connector), *key[1:])
    return _brokers[key]


def _define(queue: procrastinate.App, check_every: int, stalled_after: int) -> procrastinate.App:
    # A database that cannot be reached is tried again a little later; any other failure is
    # final and is written on the job's record by queue.execute.
    retry = RetryStrategy(
        max_attempts=MAX_ATTEMPTS - 1, wait=2, retry_exceptions={OperationalError}
    )

    @queue.task(name=TASK, pass_context=True, retry=retry)
    def run_job(context, job: str, args: dict, actor: list) -> None:
        payload = {"job": job, "args": args, "actor": actor}
        execute(_worker_app, payload, attempt=context.job.attempts + 1)

    @queue.periodic(cron=f"* * * * * */{check_every}", periodic_id="stalled")
    @queue.task(name="checker.stalled", queueing_lock="checker.stalled")
    async def pick_up_stalled(timestamp: int) -> None:
        await _pick_up(queue, stalled_after)

    return queue


async def _pick_up(queue: procrastinate.App, stalled_after: int) -> None:
    """Jobs whose worker stopped sending heartbeats: back into the queue, or failed."""
    manager = queue.job_manager
    for job in await manager.get_stalled_jobs(
        seconds_since_heartbeat=stalled_after, task_name=TASK
    ):
        payload = dict(job.task_kwargs)
        tries = job.attempts + 1
        if tries >= MAX_ATTEMPTS:
            await manager.finish_job(job, status=Status.FAILED, delete_job=False)
            await sync_to_async(tell, _worker_app, payload, "failed", f"stalled:{tries}")
        else:
            await manager.retry_job(job)
            await sync_to_async(tell, _worker_app, payload, "retried", f"retried:{tries + 1}")


def defer_in(app: Flask, connection: Connection, payload: dict) -> int:
    """Insert the job in the caller's transaction (it is visible to workers on commit)."""
    connection.execute(text(f"SET LOCAL search_path TO public, {QUEUE_SCHEMA}"))
    raw = connection.connection.driver_connection
    return broker(app).configure_task(TASK, connection=raw).defer(**payload)


def run_worker(app: Flask, concurrency: int) -> None:
    """Take jobs until stopped (SIGINT or SIGTERM finish the jobs under way first)."""
    global _worker_app
    _worker_app = app
    queue = broker(app)
    queue.run_worker(
        concurrency=concurrency,
        name=f"checker@{socket.gethostname()}:{os.getpid()}",
        update_heartbeat_interval=app.config["JOB_HEARTBEAT_EVERY"],
        stalled_worker_timeout=app.config["JOB_STALLED_AFTER"],
        install_signal_handlers=True,
    )
