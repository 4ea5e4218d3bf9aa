"""Dispatch of one Bot API call: spec check, method handler, and the call/violation log."""

import logging
from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.methods import HANDLERS
from emulator.spec import IncomingParams
from emulator.state import ApiCall, EmulatorState

logger = logging.getLogger(__name__)

# 403 and 429 are scenarios a test sets up on purpose; 409 comes from an abandoned long poll.
DELIBERATE_CODES = {403, 409, 429}


def record_call(
    state: EmulatorState, method: str, params: dict[str, Any], error: ApiError | None
) -> None:
    if error is None:
        state.calls.append(ApiCall(method, params, ok=True))
        return
    state.calls.append(ApiCall(method, params, False, error.code, error.description))
    if error.code not in DELIBERATE_CODES:
        state.violations.append(f"{method}: {error.description} | params: {params!r:.500}")


async def call_method(
    state: EmulatorState, method: str, incoming: IncomingParams
) -> tuple[int, dict[str, Any]]:
    """HTTP status and JSON body answering ``method`` called with ``incoming``."""
    params = incoming.readable()
    spec = state.spec.method(method)
    try:
        if spec is None:
            raise ApiError(404, "Not Found")
        method = spec.name
        handler = HANDLERS.get(method)
        if handler is None:
            raise bad_request("method not supported by the emulator")
        params = state.spec.validate(spec, incoming)
        for observer in state.observers:
            observer(method, params)
        result = await handler(state, params)
    except ApiError as error:
        record_call(state, method, params, error)
        return error.code, error.to_response()
    except Exception as exc:
        logger.exception("emulator failed on %s", method)
        failure = ApiError(500, f"Internal Server Error: emulator failed: {exc!r}")
        record_call(state, method, params, failure)
        state.violations.append(f"{method}: emulator bug {exc!r}")
        return 500, failure.to_response()
    record_call(state, method, params, None)
    return 200, {"ok": True, "result": result}
