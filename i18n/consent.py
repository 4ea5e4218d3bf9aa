"""Which version of the privacy notice a person agreed to.

Bump CONSENT_TEXT_VERSION whenever `ask.consent` changes in any language;
tests/unit/test_catalogue.py holds the texts' fingerprint and fails until both are updated.
"""

CONSENT_TEXT_VERSION = "2026-12-v2"
