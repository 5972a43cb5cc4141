"""PDF compliance reports: HTML from templates, then locked-down, reproducible PDF/A-3 bytes."""
