// The simulator page: draws the chats the server streams over a WebSocket and turns clicks
// and typing into a persona's actions. Plain JavaScript, no libraries, no build step.
"use strict";

const GROUP_VIEW = "group";
const TYPING_MS = 5000;
const ROLE_COLORS = {
  reporter: "#e17055",
  officer: "#0984e3",
  staff: "#2a9d6f",
  admin: "#6c5ce7",
  partner: "#d35400",
  group: "#517da2",
  bot: "#2a9d6f",
};
const BOT_STATES = {
  starting: "Bot sedang dimulai…",
  running: "Bot berjalan",
  stopped: "Bot berhenti",
  crashed: "Bot berhenti sendiri (lihat terminal)",
};

const app = {
  bot: { name: "Bot", username: "", state: "starting" },
  group: null, // {chat_id, title, viewer}
  personas: new Map(), // key -> persona from the snapshot
  messages: new Map(), // chat id -> Map(message id -> message)
  keyboards: new Map(), // "persona:chat" -> reply keyboard or null
  unread: new Map(), // chat id -> count of bot messages not yet seen
  places: [],
  view: { key: "worker", persona: "worker", chat: null },
  typingUntil: new Map(), // chat id -> time
  socket: null,
};

const $ = (id) => document.getElementById(id);
const timeFormat = new Intl.DateTimeFormat("id-ID", {
  hour: "2-digit", minute: "2-digit", timeZone: "Asia/Jakarta",
});
const dayFormat = new Intl.DateTimeFormat("id-ID", {
  day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta",
});

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join("");
}

function fileSize(bytes) {
  if (!bytes && bytes !== 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// --- talking to the server ----------------------------------------------------------------

async function post(path, body) {
  const isForm = body instanceof FormData;
  const response = await fetch(path, {
    method: "POST",
    headers: isForm ? { "X-Simulator": "1" }
      : { "X-Simulator": "1", "Content-Type": "application/json" },
    body: isForm ? body : JSON.stringify(body),
  });
  let result = { ok: response.ok };
  try {
    result = await response.json();
  } catch (_) {
    // a non-JSON answer (e.g. a proxy error page): keep the status only
  }
  if (!result.ok) toast(result.error || `Gagal (${response.status})`);
  return result;
}

function act(action) {
  return post("/api/act", { persona: app.view.persona, chat_id: app.view.chat, ...action });
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws`);
  app.socket = socket;
  socket.addEventListener("message", (event) => handle(JSON.parse(event.data)));
  socket.addEventListener("open", () => { $("connection").hidden = true; });
  socket.addEventListener("close", () => {
    $("connection").hidden = false;
    $("connection").textContent = "Terputus dari simulator, menyambung ulang…";
    setTimeout(connect, 1000);
  });
}

function handle(event) {
  switch (event.type) {
    case "snapshot": return loadSnapshot(event);
    case "message":
    case "user_message":
    case "edit":
      return upsertMessage(event.message, event.type);
    case "delete": return removeMessage(event.message);
    case "keyboard":
      app.keyboards.set(`${event.persona}:${event.chat_id}`, event.keyboard);
      if (event.persona === app.view.persona && event.chat_id === app.view.chat) drawKeyboard();
      return undefined;
    case "chat_action":
      app.typingUntil.set(event.chat_id, Date.now() + TYPING_MS);
      drawHeader();
      setTimeout(drawHeader, TYPING_MS + 50);
      return undefined;
    case "callback_answer":
      document.querySelectorAll(".ikb button.pending").forEach((b) => b.classList.remove("pending"));
      if (event.text && event.chat_id === app.view.chat) {
        if (event.show_alert) alertSheet(event.text); else toast(event.text);
      }
      return undefined;
    case "bot": return setBotState(event.state);
    case "violation": return addViolation(event.text);
    default: return undefined;
  }
}

function loadSnapshot(snapshot) {
  app.bot = snapshot.bot;
  app.group = snapshot.group;
  app.places = snapshot.places;
  app.personas = new Map(snapshot.personas.map((p) => [p.key, p]));
  app.messages = new Map();
  app.keyboards = new Map();
  for (const persona of snapshot.personas) {
    for (const chat of persona.chats) app.keyboards.set(`${persona.key}:${chat.chat_id}`, chat.keyboard);
  }
  for (const [chatId, list] of Object.entries(snapshot.messages)) {
    app.messages.set(Number(chatId), new Map(list.map((m) => [m.message_id, m])));
  }
  $("violation-list").replaceChildren();
  snapshot.violations.forEach(addViolation);
  setBotState(snapshot.bot.state);
  const wanted = new URLSearchParams(location.hash.slice(1)).get("persona") || app.view.key;
  selectView(app.personas.has(wanted) || wanted === GROUP_VIEW ? wanted : "worker");
}

// --- views: which persona, which chat ------------------------------------------------------

function viewsList() {
  const views = [];
  for (const persona of app.personas.values()) {
    views.push({ key: persona.key, persona: persona.key, chat: persona.user_id,
      name: persona.name, label: persona.label, role: persona.role });
  }
  if (app.group) {
    const viewer = app.personas.get(app.group.viewer);
    views.push({ key: GROUP_VIEW, persona: app.group.viewer, chat: app.group.chat_id,
      name: app.group.title, label: `Grup staf (Anda: ${viewer ? viewer.name : ""})`, role: "group" });
  }
  return views;
}

function selectView(key, chatId) {
  const view = viewsList().find((v) => v.key === key);
  if (!view) return;
  app.view = { key, persona: view.persona, chat: chatId ?? view.chat };
  app.unread.set(app.view.chat, 0);
  history.replaceState(null, "", `#persona=${key}`);
  closePopovers();
  closeSheet();
  $("toast").hidden = true;
  drawPersonas();
  drawHeader();
  drawMessages();
  drawKeyboard();
  $("input").focus();
}

function drawPersonas() {
  const nav = $("personas");
  nav.replaceChildren();
  for (const view of viewsList()) {
    const button = el("button", "persona");
    button.type = "button";
    button.dataset.view = view.key;
    button.setAttribute("aria-current", String(view.key === app.view.key));
    const avatar = el("span", "avatar", view.role === "group" ? "👥" : initials(view.name));
    avatar.style.background = ROLE_COLORS[view.role] || ROLE_COLORS.bot;
    const who = el("span", "who");
    who.append(el("div", "name", view.name), el("div", "label", view.label));
    const count = unreadFor(view);
    const badge = el("span", "badge", String(count));
    badge.hidden = count === 0;
    button.append(avatar, who, badge);
    button.addEventListener("click", () => selectView(view.key));
    nav.append(button);
  }
}

function unreadFor(view) {
  return app.unread.get(view.chat) || 0;
}

function currentChat() {
  const persona = app.personas.get(app.view.persona);
  return persona ? persona.chats.find((c) => c.chat_id === app.view.chat) : null;
}

function drawHeader() {
  const chat = currentChat();
  if (!chat) return;
  const isGroup = chat.kind === "group";
  const title = isGroup ? chat.title : app.bot.name;
  $("chat-title").textContent = title;
  const avatar = $("chat-avatar");
  avatar.textContent = isGroup ? "👥" : initials(app.bot.name);
  avatar.style.background = isGroup ? ROLE_COLORS.group : ROLE_COLORS.bot;
  const typing = (app.typingUntil.get(chat.chat_id) || 0) > Date.now();
  const persona = app.personas.get(app.view.persona);
  $("chat-sub").textContent = typing ? "mengetik…"
    : isGroup ? `grup · Anda: ${persona.name}` : `bot · Anda: ${persona.name}`;
  const tabs = $("chat-tabs");
  tabs.replaceChildren();
  if (persona.chats.length > 1) {
    for (const other of persona.chats) {
      const tab = el("button", null, other.kind === "group" ? "Grup" : "Bot");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-selected", String(other.chat_id === chat.chat_id));
      if ((app.unread.get(other.chat_id) || 0) > 0 && other.chat_id !== chat.chat_id) {
        tab.append(el("span", "dot"));
      }
      tab.addEventListener("click", () => selectView(app.view.key, other.chat_id));
      tabs.append(tab);
    }
  }
}

// --- messages ------------------------------------------------------------------------------

function chatMessages(chatId) {
  if (!app.messages.has(chatId)) app.messages.set(chatId, new Map());
  return app.messages.get(chatId);
}

function upsertMessage(message, kind) {
  const messages = chatMessages(message.chat_id);
  const isNew = !messages.has(message.message_id);
  messages.set(message.message_id, message);
  if (message.from_bot) app.typingUntil.delete(message.chat_id);
  if (kind === "message" && isNew && message.chat_id !== app.view.chat) {
    app.unread.set(message.chat_id, (app.unread.get(message.chat_id) || 0) + 1);
    drawPersonas();
  }
  if (message.chat_id !== app.view.chat) {
    if (kind === "message") drawHeader();
    return;
  }
  drawHeader();
  const list = $("messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  const node = renderMessage(message);
  const existing = list.querySelector(`.msg[data-message-id="${message.message_id}"]`);
  if (existing) {
    existing.replaceWith(node);
  } else {
    const later = [...list.querySelectorAll(".msg")]
      .find((m) => Number(m.dataset.messageId) > message.message_id);
    addDaySeparator(list, message, later);
    list.insertBefore(node, later || null);
  }
  $("empty").hidden = true;
  if (nearBottom || message.from_bot === false) list.scrollTop = list.scrollHeight;
}

function removeMessage(message) {
  const messages = chatMessages(message.chat_id);
  messages.delete(message.message_id);
  if (message.chat_id !== app.view.chat) return;
  const node = $("messages").querySelector(`.msg[data-message-id="${message.message_id}"]`);
  if (node) node.remove();
}

function dayKey(unix) { return dayFormat.format(new Date(unix * 1000)); }

function addDaySeparator(list, message, before) {
  const key = dayKey(message.date);
  const seen = [...list.querySelectorAll(".day")].some((d) => d.dataset.day === key);
  if (seen) return;
  const chip = el("div", "day", key);
  chip.dataset.day = key;
  list.insertBefore(chip, before || null);
}

function drawMessages() {
  const list = $("messages");
  list.replaceChildren();
  const messages = [...chatMessages(app.view.chat).values()]
    .sort((a, b) => a.message_id - b.message_id);
  let lastDay = null;
  for (const message of messages) {
    const key = dayKey(message.date);
    if (key !== lastDay) {
      const chip = el("div", "day", key);
      chip.dataset.day = key;
      list.append(chip);
      lastDay = key;
    }
    list.append(renderMessage(message));
  }
  const chat = currentChat();
  $("empty").hidden = messages.length > 0 || (chat && chat.kind === "group");
  list.scrollTop = list.scrollHeight;
}

function renderMessage(message) {
  const persona = app.personas.get(app.view.persona);
  const mine = !message.from_bot && message.from.id === persona.user_id;
  const node = el("div", `msg ${mine ? "out" : "in"} ${message.from_bot ? "bot" : "user"}`);
  node.dataset.messageId = String(message.message_id);
  node.dataset.chatId = String(message.chat_id);
  const bubble = el("div", "bubble");
  const chat = currentChat();
  if (chat && chat.kind === "group" && !mine) bubble.append(el("div", "sender", message.from.name));

  if (message.photo) {
    const img = el("img", "photo");
    img.src = message.photo.url;
    img.alt = "foto";
    img.loading = "lazy";
    bubble.append(img);
  }
  if (message.sticker) {
    node.classList.add("sticker-only");
    const img = el("img", "sticker");
    img.src = message.sticker.url;
    img.alt = message.sticker.emoji || "stiker";
    bubble.append(img);
  }
  if (message.document) bubble.append(renderDocument(message.document));
  if (message.voice) bubble.append(renderVoice(message.voice));
  if (message.contact) {
    const card = el("div", "contact");
    const avatar = el("span", "avatar", initials(message.contact.name || "?"));
    const who = el("div");
    who.append(el("div", "doc-name", message.contact.name), el("div", "doc-size",
      `+${String(message.contact.phone_number).replace(/^\+/, "")}`));
    card.append(avatar, who);
    bubble.append(card);
  }
  if (message.location) {
    bubble.append(el("div", "location-map"));
    const { latitude, longitude } = message.location;
    const place = app.places.find((p) => p.latitude === latitude && p.longitude === longitude);
    bubble.append(el("div", "location-label",
      `${place ? `${place.name} · ` : ""}${latitude.toFixed(4)}, ${longitude.toFixed(4)}`));
  }
  if (message.html) {
    const text = el("div", "text");
    text.innerHTML = message.html; // sanitised on the server (simulator/sanitize.py)
    bubble.append(text);
  }
  const meta = el("span", "meta",
    `${message.edited ? "diedit " : ""}${timeFormat.format(new Date(message.date * 1000))}${mine ? " ✓✓" : ""}`);
  bubble.append(meta);
  node.append(bubble);
  if (message.inline_keyboard && message.inline_keyboard.length) {
    node.append(renderInlineKeyboard(message));
  }
  return node;
}

function renderDocument(document_) {
  const box = el("div", "doc");
  const extension = (document_.file_name.split(".").pop() || "").slice(0, 4).toUpperCase();
  const icon = el("a", "doc-icon", extension || "FILE");
  icon.href = document_.url;
  icon.download = document_.file_name;
  icon.title = "Unduh";
  const info = el("div");
  const name = el("a", "doc-name", document_.file_name);
  name.href = document_.url;
  name.download = document_.file_name;
  info.append(name, el("div", "doc-size", fileSize(document_.file_size)));
  box.append(icon, info);
  return box;
}

function renderVoice(voice) {
  const box = el("div", "voice");
  const audio = new Audio();
  audio.preload = "none";
  audio.src = voice.url;
  const play = el("button", null, "▶");
  play.type = "button";
  play.setAttribute("aria-label", "Putar pesan suara");
  play.addEventListener("click", () => {
    if (audio.paused) {
      audio.play().catch(() => toast("Tidak bisa memutar pesan suara"));
    } else {
      audio.pause();
    }
  });
  audio.addEventListener("play", () => { play.textContent = "❚❚"; });
  audio.addEventListener("pause", () => { play.textContent = "▶"; });
  audio.addEventListener("ended", () => { play.textContent = "▶"; });
  const wave = el("div", "wave");
  for (let i = 0; i < 24; i += 1) {
    const bar = el("i");
    bar.style.height = `${6 + ((i * 7919) % 17)}px`;
    wave.append(bar);
  }
  const seconds = voice.duration || 0;
  box.append(play, wave, el("span", "voice-time",
    `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`));
  return box;
}

function renderInlineKeyboard(message) {
  const keyboard = el("div", "ikb");
  for (const row of message.inline_keyboard) {
    const line = el("div", "ikb-row");
    for (const button of row) {
      const node = el("button", button.url ? "link" : null, button.text);
      node.type = "button";
      node.addEventListener("click", () => pressInline(message, button, node));
      line.append(node);
    }
    keyboard.append(line);
  }
  return keyboard;
}

async function pressInline(message, button, node) {
  if (button.callback_data) {
    node.classList.add("pending");
    const result = await act({ kind: "tap", data: button.callback_data, message_id: message.message_id });
    if (!result.ok) node.classList.remove("pending");
    setTimeout(() => node.classList.remove("pending"), 3000);
  } else if (button.url) {
    openLink(button.url);
  } else if (button.copy_text) {
    await navigator.clipboard.writeText(button.copy_text).catch(() => undefined);
    toast("Disalin");
  }
}

// A t.me link to this bot (e.g. an invitation) opens the bot as a persona one chooses.
function openLink(url) {
  const match = app.bot.username
    && url.match(new RegExp(`^https?://t\\.me/${app.bot.username}\\?start=([A-Za-z0-9_-]{1,64})$`, "i"));
  if (!match) {
    window.open(url, "_blank", "noopener,noreferrer");
    return;
  }
  const card = sheet();
  card.append(el("h3", null, "Buka tautan bot sebagai…"),
    el("p", null, "Tautan ini membuka bot dengan /start. Pilih siapa yang membukanya:"));
  for (const persona of app.personas.values()) {
    const choice = el("button", "place", persona.name);
    choice.type = "button";
    choice.append(el("span", "coords", persona.label));
    choice.addEventListener("click", async () => {
      closeSheet();
      selectView(persona.key);
      await act({ kind: "text", text: `/start ${match[1]}` });
    });
    card.append(choice);
  }
  card.append(sheetActions([["Batal", closeSheet]]));
}

document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest(".text a, .text .link") : null;
  if (target) {
    event.preventDefault();
    if (target.tagName === "A") openLink(target.getAttribute("href"));
    return;
  }
  const spoiler = event.target instanceof Element ? event.target.closest(".text .spoiler") : null;
  if (spoiler) spoiler.classList.add("shown");
});

// --- the reply keyboard and the composer ---------------------------------------------------

function drawKeyboard() {
  const keyboard = app.keyboards.get(`${app.view.persona}:${app.view.chat}`);
  const panel = $("reply-kb");
  panel.replaceChildren();
  $("input").placeholder = (keyboard && keyboard.placeholder) || "Pesan";
  if (!keyboard || !keyboard.rows.length) {
    panel.hidden = true;
    return;
  }
  for (const row of keyboard.rows) {
    const line = el("div", "row");
    for (const button of row) {
      const node = el("button", null, button.text);
      node.type = "button";
      node.addEventListener("click", () => pressReply(button));
      line.append(node);
    }
    panel.append(line);
  }
  panel.hidden = false;
}

function pressReply(button) {
  if (button.request === "contact") {
    const persona = app.personas.get(app.view.persona);
    const card = sheet();
    card.append(el("h3", null, "Bagikan nomor telepon?"),
      el("p", null, `${app.bot.name} akan menerima nomor Anda: +${persona.phone}`));
    card.append(sheetActions([
      ["Batal", closeSheet],
      ["Bagikan", async () => { closeSheet(); await act({ kind: "press", label: button.text }); }, true],
    ]));
    return;
  }
  if (button.request === "location") {
    locationSheet((location) => act({ kind: "press", label: button.text, location }));
    return;
  }
  act({ kind: "press", label: button.text });
}

function locationSheet(send) {
  const card = sheet();
  card.append(el("h3", null, "Kirim lokasi"),
    el("p", null, "Pilih tempat di sekitar Pangkalan Bun dan Kumai, atau ketik koordinat."));
  app.places.forEach((place, index) => {
    const choice = el("button", "place", `📍 ${place.name}`);
    choice.type = "button";
    choice.append(el("span", "coords", `${place.latitude}, ${place.longitude}`));
    choice.addEventListener("click", async () => { closeSheet(); await send({ place: index }); });
    card.append(choice);
  });
  const form = el("form");
  const input = el("input");
  input.name = "coordinates";
  input.placeholder = "-2.6833, 111.6290";
  input.setAttribute("aria-label", "Koordinat (lintang, bujur)");
  const submit = el("button", "primary", "Kirim");
  submit.type = "submit";
  const error = el("div", "error");
  form.append(input, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const parts = input.value.replace(/[;,]/g, " ").trim().split(/\s+/).map(Number);
    const valid = parts.length === 2 && parts.every(Number.isFinite)
      && Math.abs(parts[0]) <= 90 && Math.abs(parts[1]) <= 180;
    if (!valid) {
      error.textContent = "Tulis dua angka: lintang dan bujur, misalnya -2.6833, 111.6290";
      return;
    }
    closeSheet();
    await send({ text: input.value });
  });
  card.append(form, error, sheetActions([["Batal", closeSheet]]));
  input.focus();
}

function sendText() {
  const input = $("input");
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  composerChanged();
  act({ kind: "text", text });
}

function composerChanged() {
  const input = $("input");
  const hasText = input.value.trim().length > 0;
  $("send-btn").hidden = !hasText;
  $("voice-btn").hidden = hasText;
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
}

// --- attachments -----------------------------------------------------------------------------

async function upload(kind, file, filename) {
  const form = new FormData();
  form.append("persona", app.view.persona);
  form.append("chat_id", String(app.view.chat));
  form.append("kind", kind);
  form.append("file", file, filename || file.name);
  return post("/api/upload", form);
}

// A made-up identity card drawn on a canvas: a photo to send without a camera.
function sampleCardPhoto() {
  const canvas = document.createElement("canvas");
  canvas.width = 640;
  canvas.height = 400;
  const g = canvas.getContext("2d");
  const gradient = g.createLinearGradient(0, 0, 640, 400);
  gradient.addColorStop(0, "#9fd3f0");
  gradient.addColorStop(1, "#5aa9d6");
  g.fillStyle = gradient;
  g.fillRect(0, 0, 640, 400);
  g.fillStyle = "#0b3d5c";
  g.font = "bold 24px sans-serif";
  g.fillText("PROVINSI NUSA TENGGARA BARAT", 120, 44);
  g.fillText("KABUPATEN LOMBOK TIMUR", 160, 76);
  g.font = "bold 20px sans-serif";
  g.fillText("CONTOH — BUKAN KTP ASLI", 30, 120);
  g.fillStyle = "#ffffffb0";
  for (let i = 0; i < 7; i += 1) g.fillRect(30, 150 + i * 32, 380 - (i % 3) * 60, 14);
  g.fillStyle = "#d94f4f";
  g.fillRect(460, 130, 150, 190);
  g.fillStyle = "#f3d1b5";
  g.beginPath();
  g.arc(535, 200, 40, 0, Math.PI * 2);
  g.fill();
  g.fillRect(485, 250, 100, 70);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
}

async function attach(kind) {
  closePopovers();
  if (kind === "photo") return $("photo-file").click();
  if (kind === "document") return $("doc-file").click();
  if (kind === "sample-photo") return upload("photo", await sampleCardPhoto(), "contoh-ktp.jpg");
  if (kind === "location") return locationSheet((location) => act({ kind: "location", location }));
  if (kind === "contact") return act({ kind: "contact" });
  if (kind === "sticker") return act({ kind: "sticker", emoji: "🙏" });
  return undefined;
}

async function showCommands() {
  const menu = $("command-menu");
  if (!menu.hidden) {
    menu.hidden = true;
    return;
  }
  closePopovers();
  const query = new URLSearchParams({ persona: app.view.persona, chat_id: String(app.view.chat) });
  const response = await fetch(`/api/commands?${query}`);
  const { commands } = await response.json();
  menu.replaceChildren();
  if (!commands.length) menu.append(el("div", "none", "Bot belum memasang menu perintah."));
  for (const command of commands) {
    const item = el("button");
    item.type = "button";
    item.append(el("span", "cmd", `/${command.command}`), document.createTextNode(command.description));
    item.addEventListener("click", () => {
      menu.hidden = true;
      act({ kind: "text", text: `/${command.command}` });
    });
    menu.append(item);
  }
  menu.hidden = false;
}

// --- small pieces: sheets, toasts, state -----------------------------------------------------

function sheet() {
  const card = $("sheet-card");
  card.replaceChildren();
  $("sheet").hidden = false;
  return card;
}

function closeSheet() { $("sheet").hidden = true; }

function sheetActions(buttons) {
  const bar = el("div", "sheet-actions");
  for (const [label, onClick, primary] of buttons) {
    const button = el("button", primary ? "primary" : null, label);
    button.type = "button";
    button.addEventListener("click", onClick);
    bar.append(button);
  }
  return bar;
}

function alertSheet(text) {
  const card = sheet();
  card.append(el("p", null, text), sheetActions([["OK", closeSheet, true]]));
}

let toastTimer = null;
function toast(text) {
  const node = $("toast");
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 2500);
}

function closePopovers() {
  $("attach-menu").hidden = true;
  $("command-menu").hidden = true;
}

function setBotState(state) {
  app.bot.state = state;
  const node = $("bot-state");
  node.dataset.state = state;
  node.textContent = BOT_STATES[state] || state;
  $("restart").disabled = state === "starting";
}

function addViolation(text) {
  $("violations").hidden = false;
  $("violation-list").append(el("li", null, text));
}

// --- wiring -------------------------------------------------------------------------------------

function wire() {
  $("composer").addEventListener("submit", (event) => { event.preventDefault(); sendText(); });
  $("input").addEventListener("input", composerChanged);
  $("input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendText();
    }
  });
  $("voice-btn").addEventListener("click", () => act({ kind: "voice", duration: 3 }));
  $("attach-btn").addEventListener("click", () => {
    const menu = $("attach-menu");
    const wasHidden = menu.hidden;
    closePopovers();
    menu.hidden = !wasHidden;
  });
  $("menu-btn").addEventListener("click", showCommands);
  for (const button of document.querySelectorAll("[data-attach]")) {
    button.addEventListener("click", () => attach(button.dataset.attach));
  }
  $("photo-file").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (file) await upload("photo", file);
    event.target.value = "";
  });
  $("doc-file").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (file) await upload("document", file);
    event.target.value = "";
  });
  $("start-btn").addEventListener("click", () => act({ kind: "text", text: "/start" }));
  $("sheet").addEventListener("click", (event) => { if (event.target === $("sheet")) closeSheet(); });
  $("restart").addEventListener("click", async () => {
    $("restart").disabled = true;
    await post("/api/bot/restart", {});
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { closePopovers(); closeSheet(); }
  });
  $("messages").addEventListener("click", closePopovers);
  composerChanged();
  connect();
}

wire();
