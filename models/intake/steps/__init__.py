"""The questions of the intake, one class per step, grouped by what they ask about.

Each step class says what it stores and what it asks next; `STEPS` holds one of each, and
`NEXT`/`OFFICER_NEXT` (in base.py) the order of a person's report and of an officer's.
"""

from __future__ import annotations

from models.intake.steps.base import (
    FLOWS,
    NEXT,
    OFFICER_NEXT,
    Advance,
    Ctx,
    Finish,
    FlowSpec,
    Result,
    Retry,
    Stay,
    Step,
    StepDef,
)
from models.intake.steps.confirm_origin import OriginConfirm
from models.intake.steps.consent import Consent
from models.intake.steps.identity import Name, Nik, Phone
from models.intake.steps.kinds import MultiStep, OptionStep, TextStep
from models.intake.steps.needs import (
    NEEDS,
    PHOTO_PURPOSES,
    VULNERABILITIES,
    Needs,
    NeedsOther,
    Photos,
    Urgency,
)
from models.intake.steps.officer import Members, OfficerConsent, OfficerSummary, Site, Story
from models.intake.steps.origin import District, Location, Origin, OriginPick, Regency
from models.intake.steps.review import Cancel, Summary
from models.intake.steps.work import (
    ENDED_OPTIONS,
    MAX_GROUP,
    WORK_TYPES,
    Amount,
    Employer,
    Group,
    Recruiter,
    RecruiterPhone,
    Wages,
    WorkEnded,
    WorkType,
)

STEPS: dict[Step, StepDef] = {
    s.step: s
    for s in (
        Consent(),
        Name(),
        Nik(),
        Phone(),
        Origin(),
        OriginConfirm(),
        Regency(),
        OriginPick(),
        Location(),
        District(),
        Group(),
        Recruiter(),
        RecruiterPhone(),
        Employer(),
        WorkType(),
        WorkEnded(),
        Wages(),
        Amount(),
        Needs(),
        NeedsOther(),
        Urgency(),
        Photos(),
        Summary(),
        Cancel(),
        OfficerConsent(),
        Members(),
        Site(),
        Story(),
        OfficerSummary(),
    )
}

__all__ = [
    "ENDED_OPTIONS",
    "FLOWS",
    "MAX_GROUP",
    "NEEDS",
    "NEXT",
    "OFFICER_NEXT",
    "PHOTO_PURPOSES",
    "STEPS",
    "VULNERABILITIES",
    "WORK_TYPES",
    "Advance",
    "Ctx",
    "Finish",
    "FlowSpec",
    "MultiStep",
    "OptionStep",
    "Result",
    "Retry",
    "Stay",
    "Step",
    "StepDef",
    "TextStep",
]
