"""The intake domain's shape: every step documented, typed answers taken as taps, hints known,
and nothing of the catalogue or the views imported."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import models.intake.steps as steps_package
from i18n import LANGUAGES
from models.intake.io import HINTED_KINDS, Button, Question
from models.intake.ports import IntakeTexts
from models.intake.steps import STEPS, Step, StepDef
from models.intake.typed import match_typed
from models.texts import Msg, msg
from views.intake import INTAKE_TEXTS

ROOT = Path(__file__).resolve().parents[2]
INTAKE = sorted((ROOT / "models" / "intake").rglob("*.py"))


def step_classes() -> list[type[StepDef]]:
    found = {
        cls
        for _, module in inspect.getmembers(steps_package, inspect.ismodule)
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, StepDef) and cls is not StepDef
    }
    return sorted(found, key=lambda cls: cls.__name__)


def test_every_step_has_one_definition() -> None:
    assert set(STEPS) == set(Step)
    assert all(definition.step == step for step, definition in STEPS.items())


@pytest.mark.parametrize("cls", step_classes(), ids=lambda cls: cls.__name__)
def test_every_step_class_says_what_it_stores_and_what_it_asks(cls: type[StepDef]) -> None:
    doc = cls.__dict__.get("__doc__")
    assert doc, f"{cls.__name__} has no docstring of its own"
    assert "\n" not in doc and doc.startswith("Stores "), doc


def test_the_scan_sees_every_step_class() -> None:
    assert len(step_classes()) >= 30


@pytest.mark.parametrize("path", INTAKE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_intake_domain_imports_no_catalogue_and_no_views(path: Path) -> None:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    bad = {name for name in imported if name.split(".")[0] in ("i18n", "views", "telegram")}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_every_hinted_kind_has_its_hint_and_no_hint_is_unused() -> None:
    for texts in LANGUAGES.values():
        hinted = {
            key.removeprefix("hint.unexpected_")
            for key in texts
            if key.startswith("hint.unexpected_")
        }
        assert hinted == set(HINTED_KINDS)


CONSENT = Question(
    "consent",
    msg("ask.consent"),
    ((Button(msg("btn.agree"), "yes"),), (Button(msg("btn.disagree"), "no"),)),
)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Setuju", "yes"),
        ("✅ setuju!", "yes"),
        ("I agree", "yes"),
        ("iya", "yes"),
        ("OK", "yes"),
        ("tidak setuju", "no"),
        ("I do not agree", "no"),
        ("gak", "no"),
        ("mungkin", None),
        ("", None),
        ("✅", None),
    ],
)
def test_a_typed_label_or_alias_counts_as_the_tap(typed: str, value: str | None) -> None:
    assert match_typed(CONSENT, typed, INTAKE_TEXTS) == value


def test_typed_answers_are_matched_with_the_labels_the_port_gives() -> None:
    seen: list[Msg | str] = []

    def labels(label: Msg | str) -> list[str]:
        seen.append(label)
        return ["Estoy de acuerdo."] if label == msg("btn.agree") else []

    texts = IntakeTexts(label_texts=labels, consent_version="test")
    assert match_typed(CONSENT, "estoy de acuerdo", texts) == "yes"
    assert match_typed(CONSENT, "I agree", texts) is None
    assert msg("btn.agree") in seen


def test_reply_keyboard_buttons_match_too() -> None:
    phone = Question(
        "phone",
        msg("ask.phone"),
        request="contact",
        reply_buttons=(Button(msg("btn.no_phone"), "skip"),),
    )
    assert match_typed(phone, "Tidak punya nomor HP", INTAKE_TEXTS) == "skip"
    assert match_typed(phone, "I have no phone number", INTAKE_TEXTS) == "skip"
    assert match_typed(phone, "081234567890", INTAKE_TEXTS) is None
