"""English: plain words, short sentences. Telegram HTML. Same keys as id.py."""

TEXTS: dict[str, str] = {
    # --- consent and start
    "ask.consent": (
        "Hello. This is a service of the <b>Social Services Office (Dinas Sosial) of "
        "Kotawaringin Barat Regency</b> for people stranded far from home.\n\n"
        "We will ask for: your name, NIK (ID number), phone number, home region, where you are "
        "now, who brought you here to work, and what you need. We use it to help you, "
        "including the journey home.\n\n"
        "Only Dinsos staff and the agencies helping with your case see your data "
        "(Law No. 27/2022 on Personal Data Protection). You can stop at any time with /batal.\n\n"
        "Do you agree?"
    ),
    "btn.agree": "✅ I agree",
    "btn.disagree": "✖ I do not agree",
    "closing.declined_intake": (
        "All right, we do not keep your data.\n"
        "You can still visit or contact us:\n{office}\n\n"
        "Type /start if you want to report later."
    ),
    # --- questions
    "ask.name": "What is your <b>full name</b>? (as on your ID card)",
    "ask.nik": (
        "What is your <b>NIK</b>? (16 digits on your ID card)\n"
        "If you don't have it or don't remember, tap the button below."
    ),
    "btn.no_nik": "No NIK / don't remember",
    "ask.phone": (
        "What is your <b>phone number</b>?\n"
        "Tap <b>📱 Send my number</b>, or type it. Example: 0812 3456 7890"
    ),
    "btn.share_contact": "📱 Send my number",
    "btn.no_phone": "I have no phone number",
    "ask.origin": (
        "Where are you <b>from</b>?\n"
        "Type the regency or city, for example: <i>Lombok Timur</i> or <i>Jember</i>.\n"
        "Or choose a province:"
    ),
    "btn.other_province": "Other province",
    "ask.regency": "Which regency or city in <b>{province}</b>? Choose or type it.",
    "ask.origin_pick": "Which one do you mean?",
    "btn.none_of_these": "None of these, type again",
    "note.origin": "✔ From: {regency}, {province}",
    "ask.location": (
        "Where are you <b>now</b>?\n"
        "Tap <b>📍 Send location</b>, or type the place "
        "(for example: <i>PT ... workers' mess in Kumai</i>)."
    ),
    "btn.share_location": "📍 Send location",
    "ask.district": "Which <b>district</b> (kecamatan) of Kotawaringin Barat?",
    "btn.district_unknown": "Don't know / not in Kobar",
    "ask.group": "How many <b>people</b> are stranded with you, you included?\nIf more than 5, type the number.",
    "btn.alone": "Just me",
    "ask.recruiter": (
        "Who <b>brought</b> you here? (agent, broker or group leader)\nType the name."
    ),
    "btn.no_recruiter": "Nobody, I came on my own",
    "ask.rec_phone": "What is <b>{name}</b>'s phone number? Type it, or tap Don't know.",
    "ask.employer": "Which <b>company</b> or person did you work for? Type the name.",
    "ask.work": "What <b>work</b> did you do here? Choose, or type it.",
    "opt.work.plantation": "Oil palm plantation",
    "opt.work.construction": "Construction project",
    "opt.work.mining": "Mining",
    "opt.work.factory": "Factory",
    "opt.work.fishing": "Boat / fishing",
    "ask.ended": "<b>When</b> did the work end? Choose, or type it (for example: <i>October</i>).",
    "opt.ended.this_week": "This week",
    "opt.ended.this_month": "This month",
    "opt.ended.last_month": "Last month",
    "opt.ended.earlier": "Earlier",
    "ask.wages": "Are there <b>wages not paid</b> to you?",
    "ask.amount": "About <b>how much</b> is unpaid? Example: <i>9 juta</i>",
    "ask.needs": "What do you <b>need</b>? You can choose more than one, then tap <b>Done</b>.",
    "opt.needs.transport": "Go back home",
    "opt.needs.food": "Food",
    "opt.needs.shelter": "A place to stay",
    "opt.needs.health": "Medical care",
    "opt.needs.wages_legal": "Help with wages / legal",
    "opt.needs.other": "Other",
    "note.need_noted": "✔ Noted. Choose more or tap Done.",
    "ask.needs_other": "Write your <b>other need</b>.",
    "ask.urgency": (
        "Is anyone <b>sick or injured</b>, <b>pregnant</b>, a <b>child</b> or <b>elderly</b>? "
        "Choose all that apply, then tap Done."
    ),
    "opt.urgency.sick": "Sick / injured",
    "opt.urgency.pregnant": "Pregnant",
    "opt.urgency.child": "Children",
    "opt.urgency.elderly": "Elderly",
    "opt.urgency.disabled": "Disability",
    "ask.photos": (
        "Send <b>photos</b> of your ID card, letters, or your situation (several are fine).\n"
        "If you have none, tap Skip."
    ),
    "ask.photo_kind": "Photo {count} received. What does it show?",
    "ask.photos_more": "{count} photo(s) received. Send more, or tap Done.",
    "opt.photo.ktp": "ID card",
    "opt.photo.document": "Letter / document",
    "opt.photo.situation": "Situation",
    "ask.summary": (
        "<b>Check your report:</b>\n\n"
        "Name: {name}\n"
        "NIK: {nik}\n"
        "Phone: {phone}\n"
        "From: {origin}\n"
        "Now at: {location}\n"
        "People: {group}\n"
        "Brought by: {recruiter}\n"
        "Company: {employer}\n"
        "Work: {work}\n"
        "Work ended: {ended}\n"
        "Unpaid wages: {wages}\n"
        "Needs: {needs}\n"
        "Condition: {urgency}\n"
        "Photos: {photos} · Voice notes: {voices}\n\n"
        "If something is wrong, tap it to change it. If all is right, tap <b>Send</b>."
    ),
    "field.name": "Name",
    "field.nik": "NIK",
    "field.phone": "Phone",
    "field.origin": "From",
    "field.location": "Location",
    "field.group": "People",
    "field.recruiter": "Recruiter",
    "field.employer": "Company",
    "field.work": "Work",
    "field.ended": "Ended",
    "field.wages": "Wages",
    "field.needs": "Needs",
    "field.urgency": "Condition",
    "field.photos": "Photos",
    "btn.submit": "✅ Send report",
    "btn.cancel": "✖ Cancel",
    "ask.cancel": "Cancel the report? All your answers will be <b>deleted</b>.",
    "btn.cancel_yes": "Yes, delete",
    "btn.cancel_no": "No, continue",
    # --- common buttons and values
    "btn.yes": "Yes",
    "btn.no": "No",
    "btn.dont_know": "Don't know",
    "btn.done": "✔ Done",
    "btn.none": "None",
    "btn.skip": "Skip",
    "btn.photos_done": "✔ Done with photos",
    "btn.ticked": "✅ {label}",
    "btn.unticked": "⬜ {label}",
    "value.none": "—",
    "value.shared_location": "location shared",
    "value.district": "{name} district",
    "value.with_phone": "{name} ({phone})",
    "value.unpaid_amount": "yes, about {amount}",
    "value.other": "other: {text}",
    # --- errors
    "error.too_short": "That answer is too short. Please write it again.",
    "error.too_long": "That answer is too long (at most {limit} characters). Please shorten it.",
    "error.name_letters": "A name needs letters. Please write your full name again.",
    "error.nik.not_digits": "A NIK has only digits. Please type the 16 digits on your ID card.",
    "error.nik.too_short": "That NIK has fewer than 16 digits. Please check your ID card.",
    "error.nik.too_long": "That NIK has more than 16 digits. Please check your ID card.",
    "error.nik.unknown_district": (
        "The first 6 digits of that NIK are not a real district code. "
        "Maybe two digits are swapped. Please check again."
    ),
    "error.nik.bad_date": (
        "Digits 7 to 12 of a NIK are the birth date, and that date does not exist. "
        "Please check again."
    ),
    "error.nik.bad_serial": "The last 4 digits of a NIK cannot be 0000. Please check your ID card.",
    "error.phone": "That number can't be used. A valid example: <b>0812 3456 7890</b>",
    "error.origin_not_found": (
        "We could not find that place. Type just the regency or city, "
        "for example <i>Lombok Timur</i>, or choose a province."
    ),
    "error.group": "Type the number of people in digits, from 1 to {max}. Example: <b>12</b>",
    "error.amount": "We could not read the amount. Example: <b>9 juta</b> or <b>Rp 9.000.000</b>",
    "error.choose_one": "Choose at least one, then tap Done.",
    "error.flood": "You sent a lot of messages at once. We read them one by one; please wait a moment.",
    "error.internal": (
        "Sorry, something went wrong on our side. Your earlier answers are still saved. "
        "Please send it again in a moment."
    ),
    # --- hints
    "hint.use_buttons": "Please choose one of the buttons.",
    "hint.unexpected": "Sorry, we can't read that yet.",
    "hint.unexpected_sticker": "Thank you. Please answer this question first.",
    "hint.unexpected_photo": "Photos come at the last question. Please answer this first.",
    "hint.unexpected_document": "Documents come at the last question. Please answer this first.",
    "hint.unexpected_voice": "A voice note can't be used here. Please choose a button.",
    "hint.unexpected_contact": "No phone number is needed here. Please answer this first.",
    "hint.unexpected_location": "No location is needed here. Please answer this first.",
    "hint.unexpected_edited": (
        "We don't read edited messages. To change an answer, type /kembali "
        "or change it in the summary later."
    ),
    "hint.command": "That command can't be used now. /kembali goes back, /batal stops.",
    "hint.stale_button": "That button belongs to an earlier question.",
    "hint.photos": "Send a photo, or tap Done / Skip.",
    "hint.summary": "Tap the part you want to change, or tap Send report.",
    "note.voice_kept": "🎤 Voice note saved for the staff. Please also type a short answer.",
    "note.resume": "You are still filling in a report. Let's continue.",
    "note.resume_after_restart": "Sorry, something went wrong. Let's continue:",
    "note.ok": "OK.",
    "note.at_first_question": "This is the first question.",
    # --- endings
    "closing.cancelled": "Report cancelled and answers deleted. Type /start to begin again.",
    "closing.submitted_intake": (
        "✅ Your report has been received.\n"
        "Report number: <b>{number}</b>\n\n"
        "Dinas Sosial staff will contact you. Keep this number. "
        "Type /status to follow your report.\n\n"
        "Our office:\n{office}"
    ),
    "menu.idle": (
        "Hello. This is the Social Services Office of Kotawaringin Barat.\n"
        "Choose below, or type /start to report."
    ),
    "menu.no_draft": "You are not filling in a report. Type /start to report.",
    "btn.menu_report": "📝 Make a report",
    "btn.menu_status": "📋 My reports",
    # --- status
    "status.none": "You have no reports yet. Type /start to report.",
    "status.header": "<b>Your reports:</b>",
    "status.line": "• <b>{number}</b> ({date}): {status}",
    "rstatus.baru": "new, waiting for staff",
    "rstatus.diverifikasi": "checked by staff",
    "rstatus.ditangani": "being handled",
    "rstatus.dirujuk": "referred to an agency that helps",
    "rstatus.dipulangkan": "sent home",
    "rstatus.selesai": "closed",
    "rstatus.ditolak": "can't be helped through this service",
    "rstatus.duplikat": "merged with another report",
    # --- language
    "lang.ask": "Pilih bahasa / Choose a language:",
    "lang.set": "Language: English.",
    # --- staff notice
    "notify.new_case": (
        "🆕 New report <b>{number}</b>{urgent}\nFrom: {origin}\nPeople: {group}\nNeeds: {needs}"
    ),
    "notify.urgent": " · ⚠️ <b>URGENT</b>",
    # --- command menu
    "cmd.start": "Make a report",
    "cmd.status": "See my reports",
    "cmd.kembali": "Back to the previous question",
    "cmd.batal": "Cancel the report",
    "cmd.bahasa": "Change language",
}

# The field officer's group intake (/lapor).
TEXTS.update(
    {
        "ask.oconsent": (
            "<b>Registration by a field officer</b>\n\n"
            "Have the people (or the group leader) agreed verbally that Dinas Sosial records "
            "their data to help them, including sending them home?"
        ),
        "btn.oconsent_yes": "✅ Yes, agreed verbally",
        "btn.oconsent_no": "✖ Not yet / no",
        "closing.declined_officer": "All right: without consent nothing is recorded. /lapor to start again.",
        "closing.submitted_officer": (
            "✅ Group case recorded: <b>{number}</b>.\n"
            "It is assigned to you. Open it with /kasus {number}."
        ),
        "ask.members": (
            "Send the <b>list of members</b>, one person per line:\n"
            "<code>Name, NIK, age</code>\n"
            "NIK and age may be left out. You may add: L/P, phone, sakit, hamil, anak, lansia, disabilitas.\n"
            "Example:\n<code>Budi Santoso, 5203011508900001, 34\nSiti, , 25, P, hamil\nAgus, anak</code>"
        ),
        "ask.members_more": (
            "<b>Members ({count}):</b>\n{members}\n\n"
            "Send more lines to add people, or tap <b>Done</b>."
        ),
        "value.member": "{n}. {name} · NIK {nik} · age {age}",
        "value.more_people": "… and {count} more people",
        "btn.members_done": "✔ Done",
        "btn.members_undo": "↩ Remove last",
        "members.added": "✔ {count} added (total {total}).",
        "members.same_nik": "{name}: this NIK is already on the list, not added.",
        "members.too_many": "At most {max} people per case.",
        "members.line_problem": "Line {line} not added: {problem}",
        "members.problems": "{lines}",
        "members.more_problems": "… and {count} more lines not added.",
        "members.no_name": "the name must come first and contain letters.",
        "members.bad_nik": "the NIK is not valid (check its 16 digits), or leave it out.",
        "members.bad_age": "the age makes no sense.",
        "members.bad_phone": "the phone number is not valid.",
        "members.unknown_part": "a part was not recognised. Use: Name, NIK, age.",
        "error.members_none": "No members yet. Send at least one name.",
        "ask.site": "Where is the group's <b>work site</b> (plantation, project, village)?",
        "ask.story": "Tell the group's <b>story</b> briefly (you may skip).",
        "field.members": "Members",
        "field.site": "Work site",
        "field.story": "Story",
        "ask.osummary": (
            "<b>Check the group's data:</b>\n\n"
            "<b>Members ({count}):</b>\n{members}\n\n"
            "From: {origin}\n"
            "Now at: {location}\n"
            "Brought by: {recruiter}\n"
            "Company: {employer}\n"
            "Work site: {site}\n"
            "Work: {work}\n"
            "Work ended: {ended}\n"
            "Unpaid wages: {wages}\n"
            "Needs: {needs}\n"
            "Condition: {urgency}\n"
            "Story: {story}\n"
            "Photos: {photos}\n\n"
            "Tap a part to change it, or <b>Send</b>."
        ),
        "cmd.lapor": "Register a person or a group",
    }
)
