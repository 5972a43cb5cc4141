"""Migrations build the schema the models describe, on SQLite and (in CI) PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade
from flask_migrate import upgrade
from sqlalchemy import inspect
from sqlalchemy import text

from checker.web import create_app
from checker.web.extensions import db
from tests.helpers import DATABASE_URL
from tests.helpers import app_config


def _fresh_app(tmp_path):
    url = DATABASE_URL or f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    app = create_app(app_config(tmp_path, url))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
    return app


def test_upgrade_head_matches_the_models(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path))
    app = _fresh_app(tmp_path)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        assert {"organisation", "user", "procurement", "award_criterion", "tender"} <= set(
            inspect(db.engine).get_table_names()
        )
        db.engine.dispose()


def test_downgrade_to_base_and_up_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path))
    app = _fresh_app(tmp_path)
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory)
        downgrade(directory=directory, revision="base")
        assert "procurement" not in inspect(db.engine).get_table_names()
        upgrade(directory=directory)
        assert "procurement" in inspect(db.engine).get_table_names()
        db.engine.dispose()
