import copy
import json
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.inputs import read_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run the `checker` command in-process; returns (exit code, stdout, stderr)."""

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["checker", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def school():
    """A fresh copy of the compliant school tender, to change in a test."""
    return copy.deepcopy(read_file(EXAMPLES / "school-compliant.json"))


@pytest.fixture
def write_json(tmp_path):
    def write(data, name="tender.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write
