"""What the conversation needs from the catalogue, without importing it.

The domain names its texts (`Msg`) and never renders them; two things still depend on the
texts people read, and views/intake.py provides both (`INTAKE_TEXTS`), handed down by
handlers/intake.py:
- a typed answer that is a button's label, in any language, counts as tapping the button;
- a consent is stored with the version of the privacy notice the person was shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from models.texts import Msg


@dataclass(frozen=True)
class IntakeTexts:
    # A button label as it reads in every language (plain text, no HTML).
    label_texts: Callable[[Msg | str], Iterable[str]]
    # The version of the privacy notice (`ask.consent`) in the catalogue.
    consent_version: str
