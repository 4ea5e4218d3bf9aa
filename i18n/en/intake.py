"""English: plain words, short sentences. Telegram HTML. Same keys as id.py."""

TEXTS: dict[str, str] = {
    # --- consent and start
    "ask.consent": (
        "Hello! We are the <b>Social Services Office of Kotawaringin Barat</b>, helping people "
        "stranded far from home.\n\n"
        "We ask your name, NIK, phone, home region and needs. Who sees them: our staff "
        "and the offices that help (police, health office). The law protects your data. "
        "Stop any time: /batal\n\n"
        "<b>Do you agree?</b>"
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
    "ask.employer": "Which <b>company</b> did you work for, or for whom? Type the name.",
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
    "opt.needs.wages_legal": "Unpaid wages / legal help",
    "opt.needs.other": "Other",
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
    "ask.photos_more.one": "{count} photo received. Send more, or tap Done.",
    "ask.photos_more.other": "{count} photos received. Send more, or tap Done.",
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
    "error.nik.not_digits": (
        "A NIK has only digits. Type the 16 digits on your ID card again, "
        "or tap <b>No NIK / don't remember</b>."
    ),
    "error.nik.too_short": (
        "That NIK has fewer than 16 digits. Check it digit by digit against your ID card, "
        "or tap <b>No NIK / don't remember</b>."
    ),
    "error.nik.too_long": (
        "That NIK has more than 16 digits. Check it digit by digit against your ID card, "
        "or tap <b>No NIK / don't remember</b>."
    ),
    "error.nik.unknown_district": (
        "That NIK looks mistyped. Check it digit by digit against your ID card, "
        "or tap <b>No NIK / don't remember</b>."
    ),
    "error.nik.bad_date": (
        "That NIK looks mistyped. Check it digit by digit against your ID card, "
        "or tap <b>No NIK / don't remember</b>."
    ),
    "error.nik.bad_serial": (
        "That NIK looks mistyped. Check it digit by digit against your ID card, "
        "or tap <b>No NIK / don't remember</b>."
    ),
    "error.phone": "That phone number looks mistyped. Example: <b>0812 3456 7890</b>",
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
    "hint.unexpected_photo": "Send the photo later, at the last question. Please answer this first.",
    "hint.unexpected_document": "Send the document later, at the last question. Please answer this first.",
    "hint.unexpected_voice": "A voice note can't be used here. Please choose a button.",
    "hint.unexpected_contact": "No phone number is needed here. Please answer this first.",
    "hint.unexpected_location": "No location is needed here. Please answer this first.",
    "hint.unexpected_edited": (
        "We don't read edited messages. To change an answer, type /kembali "
        "or change it in the summary later."
    ),
    "hint.command": "That command can't be used now. /kembali goes back, /batal stops.",
    "hint.stale_button": "That button no longer works. Please answer the latest question below.",
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
    "rstatus.dirujuk": "being helped by another office (health centre, police or labour office)",
    "rstatus.dipulangkan": "sent home",
    "rstatus.selesai": "closed",
    "rstatus.ditolak": "can't be helped through this service. Ask at our office: {office}",
    "rstatus.duplikat": "the same as another report; we handle it there",
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
        "value.more_people.one": "… and {count} more person",
        "value.more_people.other": "… and {count} more people",
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
        # The shared questions in the officer's words about the group (views.intake.worded_for).
        "ask.origin.officer": (
            "Where is <b>the group from</b>?\n"
            "Type the regency or city, for example: <i>Lombok Timur</i> or <i>Jember</i>.\n"
            "Or choose a province:"
        ),
        "ask.location.officer": (
            "Where is the group <b>now</b>?\n"
            "Tap <b>📍 Send location</b>, or type the place "
            "(for example: <i>PT ... workers' mess in Kumai</i>)."
        ),
        "ask.recruiter.officer": (
            "Who <b>brought</b> them here? (agent, broker or group leader)\nType the name."
        ),
        "ask.employer.officer": "Which <b>company</b> did they work for, or for whom? Type the name.",
        "ask.work.officer": "What <b>work</b> did they do here? Choose, or type it.",
        "ask.ended.officer": (
            "<b>When</b> did their work end? Choose, or type it (for example: <i>October</i>)."
        ),
        "ask.wages.officer": "Are there <b>wages not paid</b> to them?",
        "ask.amount.officer": "About <b>how much</b> is unpaid to them, in all? Example: <i>45 juta</i>",
        "ask.needs.officer": (
            "What do <b>they need</b>? You can choose more than one, then tap <b>Done</b>."
        ),
        "ask.needs_other.officer": "Write the group's <b>other need</b>.",
        "ask.photos.officer": (
            "Send <b>photos</b> of ID cards, letters or the group's situation (several are fine).\n"
            "If there are none, tap Skip."
        ),
    }
)

# Fewer questions from the NIK, files kept at any step, /start with an open report.
TEXTS.update(
    {
        "ask.nik_origin": "Are you from <b>{regency}</b>, {province}?",
        "btn.origin_not_mine": "No",
        "hint.nik_origin": (
            "Tap <b>Yes</b> if this is right. If not, tap <b>No</b> "
            "or type the name of your home regency."
        ),
        "note.voice_kept_choice": (
            "🎤 Voice note saved for the staff. For this question, "
            "tap a button or type your answer."
        ),
        "note.voice_kept_photos": (
            "🎤 Voice note saved for the staff. Send photos if you have any. "
            "When you are done, tap the button below."
        ),
        "note.voice_kept_summary": (
            "🎤 Voice note saved for the staff. Check your report, then tap Send report."
        ),
        "note.voice_kept_osummary": (
            "🎤 Voice note saved for the staff. Check the group's details, then tap Send report."
        ),
        "note.photo_kept_for_later": (
            "📷 Photo saved. At the end we will ask what it shows. Please answer this question now."
        ),
        "note.document_kept_for_later": (
            "📄 Document saved. At the end we will ask what it is. Please answer this question now."
        ),
        "note.photo_kept": "📷 Photo saved for the staff.",
        "note.document_kept": "📄 Document saved for the staff.",
        "ask.photo_kind_early": "We kept photo {count} that you sent earlier. What does it show?",
        "start.open_case": (
            "You already have report <b>{number}</b>: {status}.\n"
            "Do you want to make a new report, or see your reports?"
        ),
        "btn.menu_new_report": "📝 New report",
        "btn.menu_my_reports": "📋 See my reports",
    }
)

# Typed answers at every question with buttons (issue 10): one short question back when an
# answer is unclear, and what a shared contact or location gave.
TEXTS.update(
    {
        "hint.not_understood": "Sorry, we did not understand that answer.",
        "hint.and_question": "{hint}\n\n{question}",
        "again.consent": "Do you agree? Type <b>yes</b> or <b>no</b>, or tap a button.",
        "again.oconsent": (
            "Did the people agree out loud? Type <b>yes</b> or <b>not yet</b>, or tap a button."
        ),
        "again.cancel": "Delete this report? Type <b>yes</b> or <b>no</b>.",
        "again.summary_change": "Which part is wrong? Tap it below to change it.",
        "again.wages": "So, are any wages unpaid? Type <b>yes</b>, <b>no</b> or <b>don't know</b>.",
        "again.ended": (
            "About when did it stop? Type for example <i>yesterday</i>, <i>2 weeks ago</i> "
            "or <i>October</i>, or choose:"
        ),
        "again.needs": "What do you need? Type it, for example <i>go home and food</i>, or choose:",
        "again.urgency": (
            "Is anyone sick, pregnant, a child, elderly or disabled? "
            "Write who and what is wrong, or choose. If no one, tap <b>None</b>."
        ),
        "ask.amount_which": "Which is the amount of <b>unpaid wages</b>?",
        "note.got_phone": "✔ Phone number: {phone}",
        "note.got_no_phone": "✔ No phone number.",
        "note.got_location": "✔ Location received.",
        "note.got_place": "✔ Place: {place}",
        "value.chosen": "{items}",
        "value.ended_on": "{words} ({date})",
    }
)
