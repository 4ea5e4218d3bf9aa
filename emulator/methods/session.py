"""getMe, getUpdates and the webhook/session methods."""

from typing import Any

from emulator.errors import bad_request
from emulator.state import EmulatorState
from emulator.webhook import (
    DEFAULT_MAX_CONNECTIONS,
    Webhook,
    check_secret,
    check_url,
    webhook_info,
)


async def get_me(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return state.bot_user


async def get_updates(state: EmulatorState, params: dict[str, Any]) -> list[dict[str, Any]]:
    return await state.updates.get_updates(
        offset=params.get("offset", 0),
        limit=params.get("limit", 100),
        poll_seconds=params.get("timeout", 0),
        allowed_updates=params.get("allowed_updates"),
    )


async def set_webhook(state: EmulatorState, params: dict[str, Any]) -> bool:
    """Sets (or, with an empty url, removes) the webhook; delivery starts at once, pending
    updates included. Setting it again (another process at start) changes it in place."""
    url = params["url"].strip()
    if not url:
        return await delete_webhook(state, params)
    check_url(url)
    secret_token = params.get("secret_token")
    check_secret(secret_token)
    max_connections = params.get("max_connections", DEFAULT_MAX_CONNECTIONS)
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    updates = state.updates
    if params.get("drop_pending_updates"):
        updates.drop_pending()
    allowed = params.get("allowed_updates")
    if allowed is not None:
        updates.allowed = set(allowed) or None
    webhook = updates.webhook
    if webhook is None:
        webhook = updates.webhook = Webhook(updates, url)
    webhook.url = url
    webhook.secret_token = secret_token
    webhook.max_connections = max_connections
    webhook.ip_address = params.get("ip_address")
    webhook.has_custom_certificate = "certificate" in params
    webhook.start()
    updates.signal.fire()  # a long poll in progress ends with 409; delivery looks again
    return True


async def delete_webhook(state: EmulatorState, params: dict[str, Any]) -> bool:
    updates = state.updates
    webhook, updates.webhook = updates.webhook, None
    if webhook is not None:
        await webhook.stop()
    if params.get("drop_pending_updates"):
        updates.drop_pending()
    return True


async def get_webhook_info(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return webhook_info(state.updates)


async def log_out(state: EmulatorState, params: dict[str, Any]) -> bool:
    return True


HANDLERS = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": log_out,
    "close": log_out,
}
