"""getMe, getUpdates and the webhook/session methods a polling bot calls."""

from typing import Any

from emulator.state import EmulatorState


async def get_me(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return state.bot_user


async def get_updates(state: EmulatorState, params: dict[str, Any]) -> list[dict[str, Any]]:
    return await state.updates.get_updates(
        offset=params.get("offset", 0),
        limit=params.get("limit", 100),
        poll_seconds=params.get("timeout", 0),
        allowed_updates=params.get("allowed_updates"),
    )


async def delete_webhook(state: EmulatorState, params: dict[str, Any]) -> bool:
    if params.get("drop_pending_updates"):
        state.updates.drop_pending()
    return True


async def get_webhook_info(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.pending),
    }


async def log_out(state: EmulatorState, params: dict[str, Any]) -> bool:
    return True


HANDLERS = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": log_out,
    "close": log_out,
}
