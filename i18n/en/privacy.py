"""A reporter's rights over their data (/datasaya, /koreksi, /hapusdata) and the audit log."""

TEXTS: dict[str, str] = {
    "cmd.datasaya": "See my data",
    "cmd.koreksi": "Ask to correct my data",
    "cmd.hapusdata": "Ask to delete my data",
    "cmd.audit": "Audit log: who opened and changed what",
    "privacy.rights": (
        "🔒 Your data: /datasaya to see all of it, /koreksi to correct it, /hapusdata to "
        "delete it. We keep a closed report for {days} days, then its names, NIK, phone "
        "numbers, location, story and photos are deleted."
    ),
    "privacy.nothing_stored": "We keep no report in your name.",
    "privacy.reporters_only": "This command is for reporters, about their own reports.",
    "privacy.mydata_title": "<b>Your data we keep</b>",
    "privacy.mydata_account": "Account #{id} · language {language} · since {date}",
    "privacy.mydata_consent": "Consent: {answer} ({date}, version {version})",
    "privacy.consent_yes": "agreed",
    "privacy.consent_no": "declined",
    "privacy.mydata_case": "\n<b>{number}</b> (reported {date}) · {status}",
    "privacy.mydata_field": "{label}: {value}",
    "privacy.mydata_person": "Person {position}: {details}",
    "privacy.mydata_files": "Photos and files: {count}",
    "privacy.mydata_messages": "Messages with the office: {count} (their texts are in the file)",
    "privacy.mydata_requests": "Your requests about your data: {count}",
    "privacy.mydata_caption": "All your data in one file (JSON).",
    "privacy.yes": "yes",
    "privacy.no": "no",
    "pfield.full_name": "Name",
    "pfield.nik": "NIK",
    "pfield.phone": "Phone",
    "pfield.birth_date": "Date of birth",
    "pfield.sex": "Sex",
    "pfield.age": "Age",
    "pfield.age_group": "Age group",
    "pfield.position": "Position",
    "pfield.status": "Status",
    "pfield.vulnerabilities": "Special conditions",
    "pfield.origin_province_code": "Home province code",
    "pfield.origin_regency_code": "Home regency code",
    "pfield.location_text": "Location",
    "pfield.latitude": "Latitude",
    "pfield.longitude": "Longitude",
    "pfield.location_district_code": "District code",
    "pfield.group_size": "People",
    "pfield.recruiter_name": "Recruiter's name",
    "pfield.recruiter_phone": "Recruiter's phone",
    "pfield.employer": "Employer",
    "pfield.work_type": "Work",
    "pfield.work_ended": "Work ended",
    "pfield.wages_unpaid": "Wages unpaid",
    "pfield.wages_amount": "Wages owed",
    "pfield.needs": "Needs",
    "pfield.needs_other": "Other needs",
    "pfield.work_site": "Work site",
    "pfield.story": "Story",
    "privacy.ask_field": "Which part of report {number} is wrong? Choose below.",
    "privacy.ask_value": "Type the correct {field}. Type /batal to cancel.",
    "privacy.correction_sent": (
        "Thank you. We received your request to correct {field}; staff will check it and "
        "let you know."
    ),
    "privacy.input_cancelled": "All right, cancelled.",
    "privacy.bad_field": "That part cannot be corrected here.",
    "privacy.bad_value": "Type the correct value (200 characters at most).",
    "privacy.bad_nik": "That NIK cannot be right: 16 digits, as on the ID card. Try again.",
    "privacy.bad_phone": "We could not read that phone number. Example: 0812 3456 7890. Try again.",
    "privacy.bad_date": "Write the date of birth like this: 15-08-1990. Try again.",
    "privacy.not_yours": "That report is not yours.",
    "privacy.request_unknown": "That request does not exist.",
    "privacy.request_decided": "That request was decided already.",
    "privacy.notice_correction": (
        "🔒 <b>{number}</b>: the reporter asks to correct <b>{field}</b> to: {value}"
    ),
    "btn.privacy_apply": "✅ Apply",
    "btn.privacy_decline": "✖ Decline",
    "privacy.correction_applied": "✅ The correction of {field} in report {number} was applied.",
    "privacy.correction_declined": (
        "The correction of {field} in report {number} was not applied. "
        "If our data is wrong, contact our office: {office}"
    ),
    "privacy.decided_applied": "✅ Applied by {name}",
    "privacy.decided_declined": "✖ Declined by {name}",
    "privacy.decided_erased": "🗑 Erased by {name}",
    "privacy.decided_reason": "✖ Declined by {name}: {reason}",
    "privacy.erasure_explain": (
        "You ask for all your personal data to be deleted: names, NIK, phone numbers, dates "
        "of birth, location, story, photos and messages of {count} report(s).\n"
        "What stays: the number of people and the report's status for statistics, without "
        "names.\nStaff decide within 3x24 hours. Are you sure?"
    ),
    "btn.erase_confirm": "🗑 Yes, delete my data",
    "btn.erase_keep": "No, keep it",
    "privacy.erasure_kept": "All right, your data is not deleted.",
    "privacy.erasure_received": (
        "We received your request to delete your data. Staff decide by {due} at the latest."
    ),
    "privacy.erasure_pending": "We received your request to delete your data; it is being decided.",
    "privacy.notice_erasure": (
        "🗑 A reporter (account #{account}) asks for all their data to be deleted: {count} "
        "report(s) ({numbers}). Decide by {due}: erase, or decline with a legal reason."
    ),
    "btn.erase_do": "🗑 Erase now",
    "btn.reason.law_enforcement": "Decline: legal process",
    "btn.reason.state_interest": "Decline: public interest",
    "btn.reason.legal_obligation": "Decline: must be kept",
    "reason.law_enforcement": ("is still needed for law enforcement (UU PDP Article 15(1)(b))"),
    "reason.state_interest": (
        "is needed in the public interest of running the state (UU PDP Article 15(1)(c))"
    ),
    "reason.legal_obligation": (
        "must be kept by the office under the law (UU PDP Article 20(2)(c))"
    ),
    "privacy.erased": (
        "🗑 Your personal data was deleted from {count} report(s). Only figures for "
        "statistics remain, without names."
    ),
    "privacy.erasure_declined": (
        "We cannot delete your data, because it {reason}. Ask our office: {office}"
    ),
    "privacy.erasure_done_staff": "The reporter's data was erased from {count} case(s).",
    "privacy.declined_staff": "The refusal was sent to the reporter.",
    "privacy.erasure_due": (
        "⏰ Erasure request #{id} ({count} case(s)) is not decided yet. The deadline is in "
        "{left}. Decide in the staff group, on the request's message."
    ),
    "event.privacy": "🔒 Data request: {note}",
    "audit.admins_only": "The audit log is for admins only.",
    "audit.title": "<b>Audit log</b> · latest {count} entries{filters}",
    "audit.none": "No matching entries.",
    "audit.line": "{when} · {who} · <code>{action}</code>{case}{detail}{chat}",
    "audit.by_system": "system",
    "audit.usage": (
        "Examples: /audit · /audit kasus KBR-2026-0001 · /audit orang 12 · "
        "/audit 2026-11-01 2026-11-30"
    ),
    "audit.unknown_case": "There is no case {number}.",
    "audit.unknown_person": "No account {who} (use an account number, a Telegram id or a staff name).",
}
