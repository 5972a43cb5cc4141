"""Climate statistics for the municipal climate budget: pure arithmetic, no web framework, no database.

Planned (awarded tenders) and actual (accepted period reports) activity per month, source and
energy carrier (calendar, activity), the emission factors behind every CO2e figure (factors),
Oslo's climate-budget indicators (indicators), how complete the data is (completeness), sums
by year, month and source (summary) and the tidy exports (export).
"""
