"""The aiohttp application: Bot API routes and file downloads, Telegram-shaped responses."""

import json
import re

from aiohttp import web

from emulator.api import call_method, record_call
from emulator.errors import ApiError, bad_request
from emulator.spec import IncomingParams, UploadedFile
from emulator.state import EmulatorState

TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
MAX_REQUEST_SIZE = 64 * 1024 * 1024
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
STATE_KEY = web.AppKey("state", EmulatorState)


async def read_incoming(request: web.Request) -> IncomingParams:
    incoming = IncomingParams(text_values=dict(request.query))
    if not request.body_exists:
        return incoming
    if request.content_type == "application/json":
        try:
            body = json.loads(await request.read() or b"{}")
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        incoming.json_values.update(body)
    elif request.content_type in FORM_TYPES:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                data = value.file.read()
                incoming.files[name] = UploadedFile(value.filename, value.content_type, data)
            else:
                incoming.text_values[name] = str(value)
    return incoming


def unauthorized(state: EmulatorState, method: str) -> web.Response:
    error = ApiError(401, "Unauthorized")
    record_call(state, method, {}, error)
    return web.json_response(error.to_response(), status=error.code)


async def handle_method(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    method = request.match_info["method"]
    if not TOKEN_PATTERN.match(request.match_info["token"]):
        return unauthorized(state, method)
    try:
        incoming = await read_incoming(request)
    except ApiError as error:
        record_call(state, method, {}, error)
        return web.json_response(error.to_response(), status=error.code)
    status, body = await call_method(state, method, incoming)
    return web.json_response(body, status=status)


async def handle_file(request: web.Request) -> web.Response:
    state = request.app[STATE_KEY]
    if not TOKEN_PATTERN.match(request.match_info["token"]):
        return unauthorized(state, "file download")
    stored = state.files.by_path.get(request.match_info["file_path"])
    if stored is None:
        return web.json_response(ApiError(404, "Not Found").to_response(), status=404)
    return web.Response(
        body=stored.data, content_type=stored.mime_type or "application/octet-stream"
    )


def build_app(state: EmulatorState) -> web.Application:
    app = web.Application(client_max_size=MAX_REQUEST_SIZE)
    app[STATE_KEY] = state
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_get("/file/bot{token}/{file_path:.+}", handle_file)
    return app
