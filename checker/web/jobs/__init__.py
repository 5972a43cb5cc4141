"""Background work on a job queue, so web servers keep no work of their own.

Assessment runs, report rendering and dossier exports are jobs: a web request records what is to
be done (an AssessmentRun, an IssuedReport, a DossierExport), defers a job naming it and answers
at once; the page shows the record's progress, which the job writes to the database. Where the job runs depends on the
database (setting JOBS, see queue.mode):

- PostgreSQL (production): procrastinate's queue in the same database (broker.py). Any number of
  `checker worker` processes on any machines take jobs; each sends a heartbeat, and a job whose
  worker stopped is picked up again by another (or marked failed after three tries) within a
  minute.
- SQLite (the embedded default, `make run`): the same jobs run in a thread of the server
  process; `checker serve` takes up what a previous run of it left unfinished.
- inline (tests, the command line): in the request itself.

Every path ends in queue.execute, so a job behaves the same wherever it runs.
"""
