"""Where the project's data folders are: inside the installed package, or in the checkout."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """A top-level folder of the project (rules, templates, examples) as installed or checked out.

    A wheel carries them inside the package; an editable install or a checkout has them beside it.
    """
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else PACKAGE.parent / name
