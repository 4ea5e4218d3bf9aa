"""Teks untuk petugas: kasus, kartu kasus, tindakan, admin."""

TEXTS: dict[str, str] = {
    # --- notice buttons
    "btn.case_take": "🙋 Saya tangani",
    "btn.case_open": "📂 Buka",
    "btn.case_verify": "✔ Verifikasi",
    # --- statuses (short labels for the team; reporters see rstatus.*)
    "status.baru": "Baru",
    "status.diverifikasi": "Diverifikasi",
    "status.ditangani": "Ditangani",
    "status.dirujuk": "Dirujuk",
    "status.dipulangkan": "Dipulangkan",
    "status.selesai": "Selesai",
    "status.ditolak": "Ditolak",
    "status.duplikat": "Duplikat",
    "pstatus.menunggu": "menunggu",
    "pstatus.dirawat": "dirawat",
    "pstatus.dipulangkan": "dipulangkan",
    "pstatus.tinggal": "tinggal di Kobar",
    # --- procedure checklist
    "check.interview": "Wawancara dan foto",
    "check.police_letter": "Surat keterangan polisi",
    "check.identity": "KTP / surat kehilangan",
    "check.health": "Pemeriksaan kesehatan",
    "check.head_statement": "Surat pernyataan Kepala Dinsos",
    "check.cover_letter": "Surat pengantar ke Dinsos asal",
    # --- the card
    "card.text": (
        "📁 <b>{number}</b> · {status}{urgent}\n"
        "Petugas: {assignee}\n"
        "Masuk: {created} WIB · {source}\n\n"
        "<b>Asal:</b> {origin}\n"
        "<b>Sekarang di:</b> {location}\n"
        "<b>Orang ({group}):</b>\n{people}\n\n"
        "<b>Dibawa oleh:</b> {recruiter}\n"
        "<b>Perusahaan:</b> {employer} · <b>Lokasi kerja:</b> {site}\n"
        "<b>Pekerjaan:</b> {work} · <b>Berhenti:</b> {ended}\n"
        "<b>Gaji belum dibayar:</b> {wages}\n"
        "<b>Kebutuhan:</b> {needs}\n"
        "<b>Cerita:</b> {story}\n\n"
        "<b>Prosedur:</b>\n{checklist}\n\n"
        "<b>Rujukan:</b> {referrals}\n"
        "<b>Kasus terkait:</b> {links}\n"
        "<b>Lampiran:</b> {photos} foto/dokumen, {voices} pesan suara"
    ),
    "card.person": "{n}. {name} · NIK {nik} · HP {phone} · {age} · {status} {extra}",
    "card.check_item": "{mark} {label}",
    "card.referral": "{agency} ({state})",
    "card.referral_open": "menunggu",
    "card.referral_done": "selesai",
    "card.link": "{number}: {kind} ({on})",
    "link.duplicate": "mungkin ganda",
    "link.repeat": "pernah dipulangkan",
    "link.on_nik": "NIK sama",
    "link.on_phone": "HP sama",
    "card.source_self": "dilaporkan sendiri",
    "card.source_officer": "dari petugas lapangan",
    "card.nobody": "belum ada",
    "card.checklist_title": "<b>Prosedur {number}</b>\nTekan untuk mencentang atau membatalkan.",
    "card.refer_title": "<b>Rujuk {number}</b> ke:",
    "card.assign_title": "<b>Tugaskan {number}</b> kepada:",
    "card.people_title": "<b>Orang dalam {number}</b>",
    "card.person_title": "Status <b>{name}</b>:",
    "card.history_title": "<b>Riwayat {number}</b>",
    "card.event": "{when} · {who}: {what}",
    "card.by_reporter": "pelapor",
    "card.by_system": "sistem",
    "event.created": "laporan masuk",
    "event.status": "status → {to}",
    "event.note": "catatan: {note}",
    "event.access": "membuka kasus",
    "event.assigned": "menugaskan",
    "event.checklist": "prosedur diperbarui",
    "event.referral": "merujuk {note}",
    "event.referral_note": "catatan rujukan: {note}",
    "event.referral_done": "rujukan selesai",
    "event.message_out": "pesan ke pelapor: {note}",
    "event.message_in": "pesan dari pelapor: {note}",
    "event.person_status": "status orang → {to}",
    "event.linked": "ditemukan kasus terkait",
    "event.override": "melewati prosedur: {note}",
    "event.reopened": "dibuka lagi: {note}",
    "event.checkin": "cek kedatangan: {note}",
    "event.reminder": "pengingat",
    # --- card buttons
    "btn.case_assign": "👤 Tugaskan",
    "btn.case_move": "→ {status}",
    "btn.case_reopen": "↩ Buka lagi",
    "btn.case_checklist": "☑ Prosedur",
    "btn.case_refer": "🏥 Rujuk",
    "btn.case_note": "📝 Catatan",
    "btn.case_reply": "✉ Tulis ke pelapor",
    "btn.referral_done": "✔ Rujukan selesai",
    "btn.case_people": "👥 Orang",
    "btn.case_photos": "🖼 Lampiran",
    "btn.case_history": "🕘 Riwayat",
    "btn.back": "◀ Kembali",
    # --- results and refusals
    "case.not_allowed": "Maaf, Anda tidak boleh melakukan ini.",
    "case.team_only": "Perintah ini hanya untuk petugas Dinas Sosial dan mitra.",
    "case.not_found": "Kasus {number} tidak ditemukan.",
    "case.bad_transition": "Status tidak bisa diubah dari {current} ke sana.",
    "case.checklist_open": "Belum bisa dipulangkan. Prosedur yang belum selesai: {items}.",
    "case.ask_override": "Sebagai admin, Anda bisa tetap melanjutkan: tulis alasannya (atau /batal).",
    "case.not_closed": "Kasus ini belum ditutup.",
    "case.reason_needed": "Tulis alasannya.",
    "case.bad_assignee": "Orang itu tidak bisa ditugaskan.",
    "case.assigned_to_you": "👤 Anda ditugaskan menangani <b>{number}</b>.",
    "case.referred_to_you": "🏥 Kasus <b>{number}</b> dirujuk ke {agency}.\nCatatan: {note}",
    "case.referral_already_done": "Rujukan ini sudah selesai.",
    "case.referral_done_notice": "✔ Rujukan untuk <b>{number}</b> sudah diselesaikan mitra.",
    "case.no_reporter_chat": "Pelapor kasus ini tidak bisa dihubungi lewat bot.",
    "case.card_sent_private": "Kartu kasus dikirim ke chat pribadi Anda.",
    "case.taken": "Anda menangani {number}.",
    "case.notice_taken": "🙋 Ditangani: {name}",
    "case.notice_verified": "✔ Diverifikasi oleh {name}",
    "case.verified": "Diverifikasi.",
    "case.status_changed": "Status diubah.",
    "case.status_changed_override": "Status {number} diubah (prosedur dilewati, alasan dicatat).",
    "case.assigned": "Penugasan disimpan.",
    "case.referral_marked_done": "Rujukan ditandai selesai.",
    "case.no_files": "Tidak ada lampiran.",
    "case.files_sent": "Lampiran dikirim ke chat pribadi Anda.",
    "case.ask_note": "Tulis catatan untuk <b>{number}</b> (atau /batal).",
    "case.ask_message": (
        "Tulis pesan untuk pelapor <b>{number}</b>. Pelapor melihatnya sebagai pesan dari "
        "Dinas Sosial, bukan dari akun Anda. (/batal untuk batal)"
    ),
    "case.ask_reopen": "Tulis alasan membuka lagi <b>{number}</b> (atau /batal).",
    "case.ask_referral_note": "Tulis catatan untuk {agency}, atau ketik - kalau tidak ada. (/batal untuk batal)",
    "case.input_cancelled": "Dibatalkan.",
    "case.input_too_long": "Terlalu panjang (paling banyak {limit} huruf). Tolong dipersingkat, atau /batal.",
    "case.input_needed": "Tolong tulis teksnya, atau /batal.",
    "case.note_saved": "📝 Catatan disimpan di {number}.",
    "case.message_sent": "✉ Pesan untuk pelapor {number} dikirim.",
    "case.reopened": "↩ {number} dibuka lagi.",
    "case.referred": "🏥 {number} dirujuk.",
    # --- relay
    "relay.from_office": "✉ <b>Pesan dari Dinas Sosial</b> (laporan {number}):\n\n{text}\n\n<i>Balas di sini kalau perlu.</i>",
    "relay.from_reporter": "✉ <b>Balasan pelapor {number}:</b>\n\n{text}",
    "relay.waiting_in_group": "✉ Ada pesan baru dari pelapor <b>{number}</b>. Kasus ini belum ada petugasnya.",
    "relay.forwarded": "Pesan Anda sudah diteruskan ke petugas (laporan {number}).",
    # --- lists
    "list.header": "<b>Daftar kasus</b>: {total} kasus · halaman {page}/{pages}",
    "list.empty": "Tidak ada kasus.",
    "list.line": "{urgent}<b>{number}</b> · {status} · {origin} · {group} orang",
    "list.f_open": "Terbuka",
    "list.f_mine": "Punya saya",
    "list.f_unassigned": "Belum ditangani",
    "list.f_urgent": "Mendesak",
    "list.f_status": "{status}",
    "list.f_province": "{name} ({n})",
    # --- roles and admin
    "role.reporter": "pelapor (tanpa peran)",
    "role.officer": "petugas lapangan",
    "role.staff": "staf Dinsos",
    "role.partner": "mitra instansi",
    "role.admin": "admin",
    "admin.not_allowed": "Perintah ini hanya untuk admin.",
    "admin.bad_role": "Peran itu tidak bisa dipakai.",
    "admin.agency_needed": "Pilih instansinya dulu.",
    "admin.invite_unknown": "Tautan undangan itu tidak dikenal.",
    "admin.invite_used": "Tautan undangan itu sudah dipakai.",
    "admin.invite_expired": "Tautan undangan itu sudah kedaluwarsa. Minta yang baru ke admin.",
    "admin.already_admin": "Anda sudah admin.",
    "admin.not_yourself": "Anda tidak bisa mengubah peran Anda sendiri.",
    "admin.invite_role": "Undang sebagai apa?",
    "admin.invite_agency": "Dari instansi mana?",
    "admin.invite_link": (
        "Undangan sebagai <b>{role}</b>{agency}:\n{link}\n\n"
        "Berlaku {hours} jam dan hanya sekali pakai. Kirim tautan ini ke orangnya secara pribadi."
    ),
    "admin.welcome": "Selamat datang. Peran Anda sekarang: <b>{role}</b>{agency}. Lihat menu perintah.",
    "admin.team_header": "<b>Petugas dan mitra</b> (tekan nama untuk mengubah):",
    "admin.team_line": "• {name} · {role}{agency}{inactive}",
    "admin.inactive": " · <i>nonaktif</i>",
    "admin.member": "<b>{name}</b>: {role}. Ubah peran:",
    "admin.deactivate": "⛔ Nonaktifkan",
    "admin.activate": "✅ Aktifkan lagi",
    "admin.saved": "✔ Disimpan.",
    # --- help per role (a message without a command)
    "help.officer": "Ketik /lapor untuk mendaftarkan warga atau rombongan, /kasus untuk kasus Anda.",
    "help.staff": "Perintah: /kasus, /cari, /lapor, /statistik. Lihat menu perintah untuk semuanya.",
    "help.admin": "Perintah: /kasus, /cari, /lapor, /undang, /petugas. Lihat menu perintah untuk semuanya.",
    "help.partner": "Ketik /kasus untuk kasus yang dirujuk ke instansi Anda.",
    # --- command menu
    "cmd.kasus": "Daftar kasus / buka kasus",
    "cmd.undang": "Undang petugas atau mitra",
    "cmd.petugas": "Daftar petugas dan peran",
    # --- operations: updates the pipeline gave up on
    "cmd.gagal": "Pesan yang gagal diproses",
    "ops.parked.none": "Tidak ada pesan yang gagal diproses.",
    "ops.parked.head": "<b>Pesan yang gagal diproses</b> ({count}, terbaru dulu). Isinya tidak disimpan; yang tercatat hanya jenis galatnya.",
    "ops.parked.line": "#{update_id} · {when} · {attempts}× · <code>{error}</code>",
}
