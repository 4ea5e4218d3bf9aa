"""The audit log: who saw or changed what, when, from which chat (ids and codes only)."""
