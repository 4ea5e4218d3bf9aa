"""Texts for staff: cases, the case card, actions, admin."""

TEXTS: dict[str, str] = {
    # --- notice buttons
    "btn.case_take": "🙋 I'll take it",
    "btn.case_open": "📂 Open",
    "btn.case_verify": "✔ Verify",
    # --- statuses
    "status.baru": "New",
    "status.diverifikasi": "Verified",
    "status.ditangani": "In progress",
    "status.dirujuk": "Referred",
    "status.dipulangkan": "Sent home",
    "status.selesai": "Closed",
    "status.ditolak": "Rejected",
    "status.duplikat": "Duplicate",
    "pstatus.menunggu": "waiting",
    "pstatus.dirawat": "in care",
    "pstatus.dipulangkan": "sent home",
    "pstatus.tinggal": "staying in Kobar",
    # --- procedure checklist
    "check.interview": "Interview and photo",
    "check.police_letter": "Police letter",
    "check.identity": "ID card / loss report",
    "check.health": "Health check",
    "check.head_statement": "Statement signed by the head of Dinsos",
    "check.cover_letter": "Cover letter to the origin Dinsos",
    # --- the card
    "card.text": (
        "📁 <b>{number}</b> · {status}{urgent}\n"
        "Assignee: {assignee}\n"
        "Received: {created} WIB · {source}\n\n"
        "<b>From:</b> {origin}\n"
        "<b>Now at:</b> {location}\n"
        "<b>People ({group}):</b>\n{people}\n\n"
        "<b>Brought by:</b> {recruiter}\n"
        "<b>Company:</b> {employer} · <b>Work site:</b> {site}\n"
        "<b>Work:</b> {work} · <b>Ended:</b> {ended}\n"
        "<b>Unpaid wages:</b> {wages}\n"
        "<b>Needs:</b> {needs}\n"
        "<b>Story:</b> {story}\n\n"
        "<b>Procedure:</b>\n{checklist}\n\n"
        "<b>Referrals:</b> {referrals}\n"
        "<b>Related cases:</b> {links}\n"
        "<b>Attachments:</b> {photos} photos/documents, {voices} voice notes"
    ),
    "card.person": "{n}. {name} · NIK {nik} · phone {phone} · {age} · {status} {extra}",
    "card.check_item": "{mark} {label}",
    "card.referral": "{agency} ({state})",
    "card.referral_open": "waiting",
    "card.referral_done": "done",
    "card.link": "{number}: {kind} ({on})",
    "link.duplicate": "possible duplicate",
    "link.repeat": "sent home before",
    "link.on_nik": "same NIK",
    "link.on_phone": "same phone",
    "card.source_self": "reported by themselves",
    "card.source_officer": "from a field officer",
    "card.nobody": "nobody yet",
    "card.checklist_title": "<b>Procedure {number}</b>\nTap to tick or untick.",
    "card.refer_title": "<b>Refer {number}</b> to:",
    "card.assign_title": "<b>Assign {number}</b> to:",
    "card.people_title": "<b>People in {number}</b>",
    "card.person_title": "Status of <b>{name}</b>:",
    "card.history_title": "<b>History of {number}</b>",
    "card.event": "{when} · {who}: {what}",
    "card.by_reporter": "reporter",
    "card.by_system": "system",
    "event.created": "report received",
    "event.status": "status → {to}",
    "event.note": "note: {note}",
    "event.access": "opened the case",
    "event.assigned": "assigned",
    "event.checklist": "procedure updated",
    "event.referral": "referred {note}",
    "event.referral_note": "referral note: {note}",
    "event.referral_done": "referral done",
    "event.message_out": "message to reporter: {note}",
    "event.message_in": "message from reporter: {note}",
    "event.person_status": "person's status → {to}",
    "event.linked": "related case found",
    "event.override": "skipped procedure: {note}",
    "event.reopened": "reopened: {note}",
    "event.checkin": "arrival check: {note}",
    "event.reminder": "reminder",
    # --- card buttons
    "btn.case_assign": "👤 Assign",
    "btn.case_move": "→ {status}",
    "btn.case_reopen": "↩ Reopen",
    "btn.case_checklist": "☑ Procedure",
    "btn.case_refer": "🏥 Refer",
    "btn.case_note": "📝 Note",
    "btn.case_reply": "✉ Write to reporter",
    "btn.referral_done": "✔ Referral done",
    "btn.case_people": "👥 People",
    "btn.case_photos": "🖼 Attachments",
    "btn.case_history": "🕘 History",
    "btn.back": "◀ Back",
    # --- results and refusals
    "case.not_allowed": "Sorry, you are not allowed to do this.",
    "case.team_only": "This command is for Dinas Sosial staff and partners only.",
    "case.not_found": "Case {number} was not found.",
    "case.bad_transition": "The status can't go there from {current}.",
    "case.checklist_open": "Not ready to send home. Open procedure steps: {items}.",
    "case.ask_override": "As an admin you may still go ahead: write the reason (or /batal).",
    "case.not_closed": "This case is not closed.",
    "case.reason_needed": "Write the reason.",
    "case.bad_assignee": "That person can't be assigned.",
    "case.assigned_to_you": "👤 You have been assigned <b>{number}</b>.",
    "case.referred_to_you": "🏥 Case <b>{number}</b> was referred to {agency}.\nNote: {note}",
    "case.referral_already_done": "This referral is already done.",
    "case.referral_done_notice": "✔ The partner finished the referral for <b>{number}</b>.",
    "case.no_reporter_chat": "The reporter of this case can't be reached through the bot.",
    "case.card_sent_private": "The case card was sent to your private chat.",
    "case.taken": "You are handling {number}.",
    "case.notice_taken": "🙋 Handled by: {name}",
    "case.notice_verified": "✔ Verified by {name}",
    "case.verified": "Verified.",
    "case.status_changed": "Status changed.",
    "case.status_changed_override": "Status of {number} changed (procedure skipped, reason recorded).",
    "case.assigned": "Assignment saved.",
    "case.referral_marked_done": "Referral marked done.",
    "case.no_files": "No attachments.",
    "case.files_sent": "Attachments sent to your private chat.",
    "case.ask_note": "Write a note for <b>{number}</b> (or /batal).",
    "case.ask_message": (
        "Write a message to the reporter of <b>{number}</b>. They see it as a message from "
        "Dinas Sosial, not from your account. (/batal to cancel)"
    ),
    "case.ask_reopen": "Write why <b>{number}</b> is reopened (or /batal).",
    "case.ask_referral_note": "Write a note for {agency}, or type - for none. (/batal to cancel)",
    "case.input_cancelled": "Cancelled.",
    "case.input_too_long": "Too long (at most {limit} characters). Please shorten it, or /batal.",
    "case.input_needed": "Please type the text, or /batal.",
    "case.note_saved": "📝 Note saved on {number}.",
    "case.message_sent": "✉ Message to the reporter of {number} sent.",
    "case.reopened": "↩ {number} reopened.",
    "case.referred": "🏥 {number} referred.",
    # --- relay
    "relay.from_office": "✉ <b>Message from Dinas Sosial</b> (report {number}):\n\n{text}\n\n<i>Reply here if needed.</i>",
    "relay.from_reporter": "✉ <b>Reply from the reporter of {number}:</b>\n\n{text}",
    "relay.waiting_in_group": "✉ New message from the reporter of <b>{number}</b>. Nobody handles this case yet.",
    "relay.forwarded": "Your message was passed on to the staff (report {number}).",
    # --- lists
    "list.header": "<b>Cases</b>: {total} · page {page}/{pages}",
    "list.empty": "No cases.",
    "list.line": "{urgent}<b>{number}</b> · {status} · {origin} · {group} people",
    "list.f_open": "Open",
    "list.f_mine": "Mine",
    "list.f_unassigned": "Unassigned",
    "list.f_urgent": "Urgent",
    "list.f_status": "{status}",
    "list.f_province": "{name} ({n})",
    # --- roles and admin
    "role.reporter": "reporter (no role)",
    "role.officer": "field officer",
    "role.staff": "Dinsos staff",
    "role.partner": "partner agency",
    "role.admin": "admin",
    "admin.not_allowed": "This command is for admins only.",
    "admin.bad_role": "That role can't be used.",
    "admin.agency_needed": "Choose the agency first.",
    "admin.invite_unknown": "That invite link is not known.",
    "admin.invite_used": "That invite link was already used.",
    "admin.invite_expired": "That invite link has expired. Ask an admin for a new one.",
    "admin.already_admin": "You are already an admin.",
    "admin.not_yourself": "You can't change your own role.",
    "admin.invite_role": "Invite as what?",
    "admin.invite_agency": "From which agency?",
    "admin.invite_link": (
        "Invite as <b>{role}</b>{agency}:\n{link}\n\n"
        "Valid for {hours} hours and only once. Send the link to the person privately."
    ),
    "admin.welcome": "Welcome. Your role is now: <b>{role}</b>{agency}. See the command menu.",
    "admin.team_header": "<b>Staff and partners</b> (tap a name to change):",
    "admin.team_line": "• {name} · {role}{agency}{inactive}",
    "admin.inactive": " · <i>inactive</i>",
    "admin.member": "<b>{name}</b>: {role}. Change the role:",
    "admin.deactivate": "⛔ Deactivate",
    "admin.activate": "✅ Activate again",
    "admin.saved": "✔ Saved.",
    # --- help per role
    "help.officer": "Type /lapor to register a person or a group, /kasus for your cases.",
    "help.staff": "Commands: /kasus, /cari, /lapor, /statistik. See the command menu for all.",
    "help.admin": "Commands: /kasus, /cari, /lapor, /undang, /petugas. See the command menu for all.",
    "help.partner": "Type /kasus for the cases referred to your agency.",
    # --- command menu
    "cmd.kasus": "List cases / open a case",
    "cmd.undang": "Invite staff or partners",
    "cmd.petugas": "Staff and roles",
    # --- operations: updates the pipeline gave up on
    "cmd.gagal": "Updates that could not be handled",
    "ops.parked.none": "No update failed.",
    "ops.parked.head": "<b>Updates that could not be handled</b> ({count}, newest first). Their content is not kept; only the kind of error is.",
    "ops.parked.line": "#{update_id} · {when} · {attempts}× · <code>{error}</code>",
}
