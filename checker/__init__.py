"""Climate-requirements checker for construction procurement."""

import os

__version__ = "0.2.0"

# openpyxl parses workbooks with lxml whenever lxml is installed (a signing dependency brings
# it), and then neither refuses entity expansion nor uses defusedxml. Machine lists come from
# anyone, so openpyxl must keep to defusedxml's parser (read before openpyxl is first imported).
os.environ.setdefault("OPENPYXL_LXML", "False")
