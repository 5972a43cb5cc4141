"""Machine lists in and out of Excel and CSV: templates, exports and uploads (no Flask, no database)."""
