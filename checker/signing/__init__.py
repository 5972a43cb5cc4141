"""Signing: the organisation's key, PAdES signatures in PDF reports, detached signatures over
bytes (a dossier's manifest, an audit checkpoint) and the register of certificates used.

No Flask, no database. The web side loads the key once (checker.web.signing); child processes
and jobs load it again from a KeySource, which names where the key is, not the key itself.
"""
