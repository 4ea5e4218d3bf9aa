"""Every call is checked against the official Bot API spec."""

import json

import pytest
from telegram import Bot
from telegram.error import BadRequest, InvalidToken

from emulator import BotAPIEmulator
from emulator.spec import IncomingParams, load_spec


async def test_unknown_method_is_404_and_a_violation(emu: BotAPIEmulator, raw) -> None:
    status, body = await raw("sendMesage", json={"chat_id": 1, "text": "x"})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert emu.violations and emu.violations[0].startswith("sendMesage: Not Found")


async def test_method_names_are_case_insensitive(raw) -> None:
    status, body = await raw("getme")
    assert status == 200 and body["result"]["is_bot"] is True


async def test_unknown_parameter_is_rejected(emu: BotAPIEmulator, raw) -> None:
    status, body = await raw("getMe", json={"chat": 5})
    assert status == 400
    assert body["description"] == 'Bad Request: unknown parameter "chat" for method getMe'
    assert emu.calls[-1].ok is False and emu.calls[-1].error_code == 400


async def test_missing_required_parameters(emu: BotAPIEmulator, raw) -> None:
    emu.user(7, "Ani")
    assert (await raw("sendMessage", json={"text": "hi"}))[1]["description"] == (
        "Bad Request: chat_id is empty"
    )
    assert (await raw("sendMessage", json={"chat_id": 7}))[1]["description"] == (
        "Bad Request: message text is empty"
    )
    assert len(emu.violations) == 2


async def test_wrong_basic_types(raw) -> None:
    status, body = await raw("getUpdates", json={"offset": "soon"})
    assert status == 400 and "offset must be of type Integer" in body["description"]
    status, body = await raw("getUpdates", data={"limit": "1.5"})
    assert status == 400 and "limit must be of type Integer" in body["description"]
    status, body = await raw("deleteWebhook", json={"drop_pending_updates": "yes"})
    assert status == 400 and "must be of type Boolean" in body["description"]
    status, body = await raw("getUpdates", json={"allowed_updates": "message"})
    assert status == 400 and "JSON-serialized Array of String" in body["description"]


async def test_form_values_are_converted_by_spec_type(raw) -> None:
    status, body = await raw("getUpdates", data={"offset": "-1", "limit": "5", "timeout": "0"})
    assert (status, body) == (200, {"ok": True, "result": []})
    status, _ = await raw("deleteWebhook", data={"drop_pending_updates": "true"})
    assert status == 200


async def test_nested_markup_fields_are_checked(emu: BotAPIEmulator, raw) -> None:
    await emu.user(7, "Ani").send("hi", wait=False)
    bad_button = {"inline_keyboard": [[{"text": "Ya", "callback_dat": "y"}]]}
    status, body = await raw(
        "sendMessage", data={"chat_id": "7", "text": "x", "reply_markup": json.dumps(bad_button)}
    )
    assert status == 400
    assert 'inline_keyboard[0][0]: unknown field "callback_dat"' in body["description"]
    missing_text = {"keyboard": [[{"request_contact": True}]]}
    status, body = await raw(
        "sendMessage", json={"chat_id": 7, "text": "x", "reply_markup": missing_text}
    )
    assert status == 400
    assert 'field "text" of KeyboardButton is required' in body["description"]


async def test_nested_reply_parameters_and_scopes_are_checked(raw) -> None:
    status, body = await raw(
        "sendMessage", json={"chat_id": 7, "text": "x", "reply_parameters": {"message_id": "a"}}
    )
    assert (
        status == 400
        and "reply_parameters.message_id must be of type Integer" in body["description"]
    )
    commands = [{"command": "start", "description": "Mulai"}]
    status, body = await raw("setMyCommands", json={"commands": commands, "scope": {"type": "x"}})
    assert status == 400 and "scope.type of BotCommandScope must be one of" in body["description"]
    status, body = await raw(
        "setMyCommands", json={"commands": commands, "scope": {"type": "chat"}}
    )
    assert 'field "chat_id" of BotCommandScopeChat is required' in body["description"]


async def test_spec_method_the_emulator_lacks_is_a_violation(emu: BotAPIEmulator, raw) -> None:
    status, body = await raw("sendPoll", json={"chat_id": 1, "question": "?", "options": []})
    assert status == 400
    assert body["description"] == "Bad Request: method not supported by the emulator"
    assert emu.violations == [
        f"sendPoll: {body['description']} | params: "
        "{'chat_id': 1, 'question': '?', 'options': []}"
    ]


async def test_tokens_of_the_wrong_shape_are_unauthorized(emu: BotAPIEmulator, raw) -> None:
    status, body = await raw("getMe", token="12345:short")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    other = "42:" + "a" * 30
    assert (await raw("getMe", token=other))[0] == 200
    with pytest.raises(InvalidToken):
        await Bot("1:bad", base_url=f"{emu.api_root}/bot").get_me()


async def test_ptb_calls_pass_validation(emu: BotAPIEmulator, bot: Bot) -> None:
    await emu.user(7, "Ani").send("hi", wait=False)
    await bot.send_message(7, "x", disable_notification=True, protect_content=True)
    with pytest.raises(BadRequest, match=r'(?i)unknown parameter "colour"'):
        await bot.send_message(7, "x", api_kwargs={"colour": "red"})
    assert [c.ok for c in emu.calls_of("sendMessage")] == [True, False]


def test_every_method_type_name_is_known() -> None:
    spec = load_spec()
    scalar = {"Integer", "String", "Boolean", "Float", "InputFile"}
    for method in spec.methods.values():
        for field in method.fields.values():
            for type_name in field.types:
                base = type_name.removeprefix("Array of ").removeprefix("Array of ")
                assert base in scalar or base in spec.types, (method.name, type_name)


def test_abstract_types_pick_their_subtype_by_tag() -> None:
    spec = load_spec()
    method = spec.methods["setchatmenubutton"]
    ok = spec.validate(method, IncomingParams(json_values={"menu_button": {"type": "commands"}}))
    assert ok == {"menu_button": {"type": "commands"}}
