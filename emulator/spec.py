"""The official Bot API description (telegram-bot-api.json) and call validation against it."""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from emulator.errors import bad_request

SPEC_PATH = Path(__file__).with_name("telegram-bot-api.json")
INTEGER_TEXT = re.compile(r"^-?\d+$")
TYPE_TAG = re.compile(r"(?:must be|always) [*\"“]?([a-z_]+)")
MISSING_PARAMETER_TEXT = {"text": "message text is empty"}
SCALAR_TYPES = {"Integer", "Float", "Boolean", "String", "InputFile"}


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes

    def __repr__(self) -> str:
        return f"<upload {self.filename!r} {self.content_type} {len(self.data)} bytes>"


@dataclass
class IncomingParams:
    """Request parameters as they arrived: typed JSON values, form text and uploaded files."""

    json_values: dict[str, Any] = field(default_factory=dict)
    text_values: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def names(self) -> set[str]:
        return {*self.json_values, *self.text_values, *self.files}

    def readable(self) -> dict[str, Any]:
        return {**self.text_values, **self.json_values, **self.files}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class TypeSpec:
    name: str
    fields: dict[str, FieldSpec]
    subtypes: tuple[str, ...]
    tag: str | None
    # The field that holds the tag: "type" for most, "status" for ChatMember, "source" ...
    tag_field: str = "type"


@dataclass(frozen=True)
class MethodSpec:
    name: str
    fields: dict[str, FieldSpec]


class Mismatch(Exception):
    """A value that does not fit the type the spec asks for.

    ``shallow`` means the value is of the wrong kind altogether (a string for an object);
    otherwise the value has the right kind and something inside it is wrong.
    """

    def __init__(self, message: str, *, shallow: bool = False) -> None:
        super().__init__(message)
        self.shallow = shallow


def decode_json(value: str, path: str, types: tuple[str, ...]) -> Any:
    """An object parameter sent as text must hold JSON (PTB sends objects this way)."""
    try:
        decoded = json.loads(value)
    except ValueError:
        decoded = value
    if isinstance(decoded, str):
        raise Mismatch(f"{path} must be JSON-serialized {' or '.join(types)}", shallow=True)
    return decoded


def read_fields(raw: list[dict[str, Any]]) -> dict[str, FieldSpec]:
    return {f["name"]: FieldSpec(f["name"], tuple(f["types"]), f["required"]) for f in raw}


def type_tag(raw_fields: list[dict[str, Any]]) -> tuple[str | None, str]:
    """The value that tells a subtype apart, and the field it is in."""
    for raw in raw_fields:
        if raw["name"] in ("type", "source", "status") and raw["required"]:
            match = TYPE_TAG.search(" ".join(raw.get("description", "").split()))
            if match:
                return match.group(1), raw["name"]
    return None, "type"


class ApiSpec:
    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data.get("version", ""))
        self.methods = {
            name.lower(): MethodSpec(name, read_fields(raw.get("fields", [])))
            for name, raw in data["methods"].items()
        }
        self.types = {
            name: TypeSpec(
                name,
                read_fields(raw.get("fields", [])),
                tuple(raw.get("subtypes", ())),
                *type_tag(raw.get("fields", [])),
            )
            for name, raw in data["types"].items()
        }

    def method(self, name: str) -> MethodSpec | None:
        return self.methods.get(name.lower())

    def validate(self, method: MethodSpec, incoming: IncomingParams) -> dict[str, Any]:
        """Typed parameters of a call, or an ApiError(400) naming what is wrong."""
        for name in sorted(incoming.names() - set(method.fields)):
            if name not in incoming.files or not self.attached(name, incoming):
                raise bad_request(f'unknown parameter "{name}" for method {method.name}')
        params: dict[str, Any] = {}
        for spec_field in method.fields.values():
            name = spec_field.name
            if name in incoming.json_values and incoming.json_values[name] is not None:
                value, from_text = incoming.json_values[name], False
            elif name in incoming.text_values:
                value, from_text = incoming.text_values[name], True
            elif name in incoming.files:
                value, from_text = incoming.files[name], False
            else:
                if spec_field.required:
                    raise bad_request(MISSING_PARAMETER_TEXT.get(name, f"{name} is empty"))
                continue
            try:
                params[name] = self.check(value, spec_field.types, name, from_text, incoming)
            except Mismatch as exc:
                raise bad_request(f'can\'t parse parameter "{name}": {exc}') from exc
        return params

    @staticmethod
    def attached(name: str, incoming: IncomingParams) -> bool:
        """Whether a file part is referenced by an attach:// URI in another parameter."""
        uri = f"attach://{name}"
        return any(uri in value for value in incoming.text_values.values()) or uri in json.dumps(
            incoming.json_values
        )

    def check(
        self,
        value: Any,
        types: tuple[str, ...],
        path: str,
        from_text: bool,
        incoming: IncomingParams,
    ) -> Any:
        if isinstance(value, str) and not SCALAR_TYPES.intersection(types):
            value, from_text = decode_json(value, path, types), False
        problems: list[tuple[str, Mismatch]] = []
        for type_name in types:
            try:
                return self.check_one(value, type_name, path, from_text, incoming)
            except Mismatch as exc:
                problems.append((type_name, exc))
        if len(problems) == 1:
            raise problems[0][1]
        detailed = [(name, exc) for name, exc in problems if not exc.shallow]
        if not detailed:
            raise Mismatch(f"{path} must be {' or '.join(types)}, got {value!r:.80}", shallow=True)
        keys = set(value) if isinstance(value, dict) else set()

        def overlap(problem: tuple[str, Mismatch]) -> int:
            spec = self.types.get(problem[0])
            return len(keys & set(spec.fields)) if spec else 0

        raise max(detailed, key=overlap)[1]

    def check_one(
        self,
        value: Any,
        type_name: str,
        path: str,
        from_text: bool,
        incoming: IncomingParams,
    ) -> Any:
        expected = Mismatch(
            f"{path} must be of type {type_name}, got {type(value).__name__}", shallow=True
        )
        if type_name == "InputFile":
            if isinstance(value, UploadedFile):
                return value
            if isinstance(value, str) and value.startswith("attach://"):
                attached = incoming.files.get(value.removeprefix("attach://"))
                if attached is not None:
                    return attached
            raise expected
        if isinstance(value, UploadedFile):
            raise expected
        if from_text:
            return self.check_text(value, type_name, path, incoming)
        if type_name == "Integer":
            if isinstance(value, str) and INTEGER_TEXT.match(value):
                return int(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            raise expected
        if type_name == "Float":
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            raise expected
        if type_name == "Boolean":
            if isinstance(value, bool):
                return value
            raise expected
        if type_name == "String":
            if isinstance(value, str):
                return value
            raise expected
        if isinstance(value, str):
            return self.check_text(value, type_name, path, incoming)
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                raise Mismatch(f"{path} must be an Array", shallow=True)
            item_type = type_name.removeprefix("Array of ")
            return [
                self.check(item, (item_type,), f"{path}[{i}]", False, incoming)
                for i, item in enumerate(value)
            ]
        return self.check_object(value, type_name, path, incoming)

    def check_text(self, value: str, type_name: str, path: str, incoming: IncomingParams) -> Any:
        """A form field or query string value: scalars are text, objects are JSON text."""
        if type_name == "Integer" and INTEGER_TEXT.match(value):
            return int(value)
        if type_name == "Float":
            try:
                return float(value)
            except ValueError:
                pass
        elif type_name == "Boolean" and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        elif type_name == "String" or (type_name == "KeyboardButton" and path.endswith("]")):
            return value
        elif type_name not in ("Integer", "Float", "Boolean"):
            try:
                decoded = json.loads(value)
            except ValueError:
                raise Mismatch(
                    f"{path} must be JSON-serialized {type_name}", shallow=True
                ) from None
            if isinstance(decoded, str):
                raise Mismatch(f"{path} must be JSON-serialized {type_name}", shallow=True)
            return self.check_one(decoded, type_name, path, False, incoming)
        raise Mismatch(f"{path} must be of type {type_name}, got {value!r:.80}", shallow=True)

    def check_object(
        self, value: Any, type_name: str, path: str, incoming: IncomingParams
    ) -> dict[str, Any]:
        spec = self.types.get(type_name)
        if spec is None:
            raise Mismatch(f"{path}: type {type_name} is not in the spec")
        if not isinstance(value, dict):
            raise Mismatch(f"{path} must be an object of type {type_name}", shallow=True)
        if spec.subtypes:
            return self.check_subtype(value, spec, path, incoming)
        for name in value:
            if name not in spec.fields:
                raise Mismatch(f'{path}: unknown field "{name}" in {type_name}')
        checked: dict[str, Any] = {}
        for spec_field in spec.fields.values():
            item = value.get(spec_field.name)
            if item is None:
                if spec_field.required:
                    raise Mismatch(f'{path}: field "{spec_field.name}" of {type_name} is required')
                continue
            item_path = f"{path}.{spec_field.name}"
            checked[spec_field.name] = self.check(
                item, spec_field.types, item_path, False, incoming
            )
        if spec.tag is not None and checked.get(spec.tag_field, spec.tag) != spec.tag:
            raise Mismatch(f'{path}.{spec.tag_field} must be "{spec.tag}" for {type_name}')
        return checked

    def check_subtype(
        self, value: dict[str, Any], spec: TypeSpec, path: str, incoming: IncomingParams
    ) -> dict[str, Any]:
        subtypes = [self.types.get(name) for name in spec.subtypes]
        tags = {sub.tag: sub.name for sub in subtypes if sub is not None}
        if None not in tags and len(tags) == len(spec.subtypes):
            field_name = next(sub.tag_field for sub in subtypes if sub is not None)
            subtype = tags.get(value.get(field_name))
            if subtype is None:
                known = ", ".join(sorted(str(tag) for tag in tags))
                raise Mismatch(f"{path}.{field_name} of {spec.name} must be one of {known}")
            return self.check_object(value, subtype, path, incoming)
        return self.check(value, spec.subtypes, path, False, incoming)


@cache
def load_spec(path: Path = SPEC_PATH) -> ApiSpec:
    return ApiSpec(json.loads(path.read_text(encoding="utf-8")))
