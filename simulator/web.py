"""The simulator's web page: static files, a WebSocket of live events, and persona actions.

Everything is served from this package (no CDN). Requests that change something must carry
the `X-Simulator` header, which a page on another site cannot send without a CORS preflight
this server never grants, and the WebSocket accepts only this page's own origin.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web

from simulator.simulation import ActionError, Simulation, content_type

STATIC_DIR = Path(__file__).resolve().parent / "static"
SIMULATION_KEY = web.AppKey("simulation", Simulation)
# Keys whose value is not a plain class take their type from the annotation (aiohttp's advice).
RESTART_KEY: web.AppKey[Callable[[], Awaitable[None]]] = web.AppKey("restart")
SOCKETS_KEY: web.AppKey[set[web.WebSocketResponse]] = web.AppKey("sockets")
MAX_UPLOAD = 20 * 1024 * 1024  # Telegram's limit for files a bot downloads
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
STATIC_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}


def _static(name: str) -> web.Response:
    path = STATIC_DIR / name
    if path.parent != STATIC_DIR or not path.is_file() or path.suffix not in STATIC_TYPES:
        raise web.HTTPNotFound()
    return web.Response(
        body=path.read_bytes(),
        content_type=STATIC_TYPES[path.suffix],
        charset="utf-8" if path.suffix != ".svg" else None,
        headers={"Cache-Control": "no-cache", "Content-Security-Policy": CSP},
    )


async def index(request: web.Request) -> web.Response:
    return _static("index.html")


async def static(request: web.Request) -> web.Response:
    return _static(request.match_info["name"])


def _require_page(request: web.Request) -> None:
    if request.headers.get("X-Simulator") != "1":
        raise web.HTTPForbidden(text="missing X-Simulator header")


def _fail(message: str, status: int = 409) -> web.Response:
    return web.json_response({"ok": False, "error": message}, status=status)


async def act(request: web.Request) -> web.Response:
    _require_page(request)
    simulation = request.app[SIMULATION_KEY]
    try:
        body = await request.json()
    except ValueError:
        return _fail("JSON body expected", 400)
    if not isinstance(body, dict):
        return _fail("JSON object expected", 400)
    persona, chat_id = body.get("persona"), body.get("chat_id")
    if not isinstance(persona, str) or not isinstance(chat_id, int):
        return _fail("persona and chat_id are required", 400)
    try:
        await simulation.act(persona, chat_id, body)
    except ActionError as exc:
        return _fail(str(exc))
    return web.json_response({"ok": True})


async def upload(request: web.Request) -> web.Response:
    _require_page(request)
    simulation = request.app[SIMULATION_KEY]
    form = await request.post()
    file = form.get("file")
    if not isinstance(file, web.FileField):
        return _fail("a file is required", 400)
    try:
        chat_id = int(str(form.get("chat_id", "")))
    except ValueError:
        return _fail("chat_id is required", 400)
    try:
        await simulation.upload(
            str(form.get("persona", "")),
            chat_id,
            kind=str(form.get("kind", "photo")),
            data=file.file.read(),
            filename=file.filename or "",
            mime_type=file.content_type or "",
            caption=str(form.get("caption", "")) or None,
        )
    except ActionError as exc:
        return _fail(str(exc))
    return web.json_response({"ok": True})


async def commands(request: web.Request) -> web.Response:
    simulation = request.app[SIMULATION_KEY]
    persona = request.query.get("persona", "")
    try:
        chat_id = int(request.query.get("chat_id", ""))
    except ValueError:
        return _fail("chat_id is required", 400)
    if persona not in simulation.personas:
        return _fail("unknown persona", 404)
    return web.json_response({"commands": simulation.commands_for(persona, chat_id)})


async def download(request: web.Request) -> web.Response:
    stored = request.app[SIMULATION_KEY].file(request.match_info["file_id"])
    if stored is None:
        raise web.HTTPNotFound()
    headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
    if stored.kind == "document":
        name = stored.file_name or "dokumen"
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return web.Response(body=stored.data, content_type=content_type(stored), headers=headers)


async def restart_bot(request: web.Request) -> web.Response:
    _require_page(request)
    restart = request.app.get(RESTART_KEY)
    if restart is None:
        return _fail("this simulator cannot restart the bot", 404)
    try:
        await restart()
    except RuntimeError as exc:
        return _fail(str(exc), 500)
    return web.json_response({"ok": True})


async def events(request: web.Request) -> web.StreamResponse:
    origin = request.headers.get("Origin")
    if origin is not None and origin not in (f"http://{request.host}", f"https://{request.host}"):
        raise web.HTTPForbidden(text="foreign origin")
    socket = web.WebSocketResponse(heartbeat=20)
    await socket.prepare(request)
    simulation = request.app[SIMULATION_KEY]
    snapshot, queue = simulation.listen()
    request.app[SOCKETS_KEY].add(socket)
    sender = asyncio.create_task(_forward(socket, snapshot, queue))
    try:
        async for message in socket:
            if message.type == WSMsgType.ERROR:
                break
    finally:
        simulation.unlisten(queue)
        request.app[SOCKETS_KEY].discard(socket)
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
    return socket


async def _forward(
    socket: web.WebSocketResponse, snapshot: dict[str, Any], queue: asyncio.Queue[dict[str, Any]]
) -> None:
    await socket.send_json(snapshot)
    while not socket.closed:
        event = await queue.get()
        try:
            await socket.send_json(event)
        except ConnectionError:
            return


async def _close_sockets(app: web.Application) -> None:
    sockets: set[web.WebSocketResponse] = app[SOCKETS_KEY]
    for socket in list(sockets):
        await socket.close(code=1001, message=b"simulator stopping")


def build_web_app(
    simulation: Simulation, *, restart: Callable[[], Awaitable[None]] | None = None
) -> web.Application:
    app = web.Application(client_max_size=MAX_UPLOAD)
    app[SIMULATION_KEY] = simulation
    app[SOCKETS_KEY] = set()
    if restart is not None:
        app[RESTART_KEY] = restart
    app.on_shutdown.append(_close_sockets)
    app.router.add_get("/", index)
    app.router.add_get("/static/{name}", static)
    app.router.add_get("/ws", events)
    app.router.add_post("/api/act", act)
    app.router.add_post("/api/upload", upload)
    app.router.add_get("/api/commands", commands)
    app.router.add_post("/api/bot/restart", restart_bot)
    app.router.add_get("/files/{file_id}", download)
    return app
