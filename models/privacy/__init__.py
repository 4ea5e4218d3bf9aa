"""A reporter's rights over their data (UU PDP No. 27/2022): see it, correct it, have it
erased; and retention: closed cases anonymised, abandoned drafts deleted."""
