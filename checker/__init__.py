"""Climate-requirements checker for construction procurement."""

__version__ = "0.1.0"
