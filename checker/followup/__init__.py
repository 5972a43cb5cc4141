"""Contract follow-up after the award: period reports against the awarded tender (pure core)."""
