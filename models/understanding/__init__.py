"""Understanding what people type on their phones, in Indonesian as they write it.

Pure functions, no database and no Telegram: each module reads one kind of answer and returns a
frozen dataclass (or ``None``) that says what it understood and which words said so. They never
raise on odd input (emoji, right-to-left text, zero-width characters, very long texts).

- :mod:`.yes_no`: yes, no or unclear, with question-specific readings (unpaid wages).
- :mod:`.amounts`: the rupiah amount inside a sentence.
- :mod:`.needs`: what help is asked for (need codes of the intake).
- :mod:`.conditions`: health and vulnerability (sick, pregnant, child, elderly, disabled).
- :mod:`.group`: how many people a group is.
- :mod:`.ended`: when work ended, as a date or a month.
- :mod:`.nik`: what a NIK says (origin regency and district, sex, birth date).
- :mod:`.names`: the same person under Indonesian name variants, as a hint for staff.
"""
