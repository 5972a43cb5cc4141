"""What tests share: paths of the checkout. Fixtures live in conftest.py; no test module imports
another test module."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
