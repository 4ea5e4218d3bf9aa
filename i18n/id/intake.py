"""Bahasa Indonesia: kata sederhana, kalimat pendek. Telegram HTML."""

TEXTS: dict[str, str] = {
    # --- consent and start
    "ask.consent": (
        "Halo! Kami <b>Dinas Sosial Kotawaringin Barat</b>, membantu warga telantar "
        "jauh dari rumah.\n\n"
        "Kami tanya nama, NIK, HP, asal, dan kebutuhan Anda. Yang melihat: petugas kami "
        "dan kantor yang membantu (polisi, dinas kesehatan). Data dilindungi undang-undang. "
        "Berhenti kapan saja: /batal\n\n"
        "<b>Apakah Anda setuju?</b>"
    ),
    "btn.agree": "✅ Setuju",
    "btn.disagree": "✖ Tidak setuju",
    "closing.declined_intake": (
        "Baik, data Anda tidak kami simpan.\n"
        "Anda tetap bisa datang atau menghubungi kami:\n{office}\n\n"
        "Ketik /start kalau ingin melapor nanti."
    ),
    # --- questions
    "ask.name": "Siapa <b>nama lengkap</b> Anda? (sesuai KTP)",
    "ask.nik": (
        "Berapa <b>NIK</b> Anda? (16 angka di KTP)\n"
        "Kalau tidak punya atau lupa, tekan tombol di bawah."
    ),
    "btn.no_nik": "Tidak punya / lupa NIK",
    "ask.phone": (
        "Berapa <b>nomor HP</b> Anda?\n"
        "Tekan <b>📱 Kirim nomor saya</b>, atau ketik nomornya. Contoh: 0812 3456 7890"
    ),
    "btn.share_contact": "📱 Kirim nomor saya",
    "btn.no_phone": "Tidak punya nomor HP",
    "ask.origin": (
        "Dari mana <b>asal</b> Anda?\n"
        "Ketik nama kabupaten/kota, misalnya: <i>Lombok Timur</i> atau <i>Jember</i>.\n"
        "Atau pilih provinsi:"
    ),
    "btn.other_province": "Provinsi lain",
    "ask.regency": "Kabupaten/kota mana di <b>{province}</b>? Pilih atau ketik namanya.",
    "ask.origin_pick": "Maksud Anda yang mana?",
    "btn.none_of_these": "Bukan semua, ketik lagi",
    "note.origin": "✔ Asal: {regency}, {province}",
    "ask.location": (
        "Di mana Anda <b>sekarang</b>?\n"
        "Tekan <b>📍 Kirim lokasi</b>, atau ketik nama tempatnya "
        "(misalnya: <i>mes PT ... di Kumai</i>)."
    ),
    "btn.share_location": "📍 Kirim lokasi",
    "ask.district": "Di <b>kecamatan</b> mana di Kotawaringin Barat?",
    "btn.district_unknown": "Tidak tahu / bukan di Kobar",
    "ask.group": "Berapa <b>orang</b> yang telantar bersama Anda, termasuk Anda?\nKalau lebih dari 5, ketik jumlahnya.",
    "btn.alone": "Sendiri",
    "ask.recruiter": (
        "Siapa yang <b>membawa</b> Anda ke sini? (agen, calo, atau ketua rombongan)\nKetik namanya."
    ),
    "btn.no_recruiter": "Tidak ada, datang sendiri",
    "ask.rec_phone": "Berapa nomor HP <b>{name}</b>? Ketik nomornya, atau tekan Tidak tahu.",
    "ask.employer": "Anda bekerja di <b>perusahaan</b> apa, atau ikut siapa? Ketik namanya.",
    "ask.work": "Apa <b>pekerjaan</b> Anda di sini? Pilih, atau ketik.",
    "opt.work.plantation": "Kebun sawit",
    "opt.work.construction": "Proyek bangunan",
    "opt.work.mining": "Tambang",
    "opt.work.factory": "Pabrik",
    "opt.work.fishing": "Kapal / nelayan",
    "ask.ended": "<b>Kapan</b> pekerjaan Anda berhenti? Pilih, atau ketik (misalnya: <i>Oktober</i>).",
    "opt.ended.this_week": "Minggu ini",
    "opt.ended.this_month": "Bulan ini",
    "opt.ended.last_month": "Bulan lalu",
    "opt.ended.earlier": "Lebih lama",
    "ask.wages": "Apakah ada <b>gaji yang belum dibayar</b>?",
    "ask.amount": "Kira-kira <b>berapa</b> gaji yang belum dibayar? Contoh: <i>9 juta</i>",
    "ask.needs": (
        "Apa yang Anda <b>butuhkan</b>? Boleh pilih lebih dari satu, lalu tekan <b>Selesai</b>."
    ),
    "opt.needs.transport": "Pulang ke daerah asal",
    "opt.needs.food": "Makan",
    "opt.needs.shelter": "Tempat tinggal sementara",
    "opt.needs.health": "Berobat",
    "opt.needs.wages_legal": "Gaji belum dibayar / bantuan hukum",
    "opt.needs.other": "Lainnya",
    "ask.needs_other": "Tulis <b>kebutuhan lain</b> Anda.",
    "ask.urgency": (
        "Apakah ada yang <b>sakit atau terluka</b>, <b>hamil</b>, <b>anak-anak</b>, "
        "atau <b>lansia</b>? Pilih semua yang ada, lalu tekan Selesai."
    ),
    "opt.urgency.sick": "Sakit / terluka",
    "opt.urgency.pregnant": "Hamil",
    "opt.urgency.child": "Anak-anak",
    "opt.urgency.elderly": "Lansia",
    "opt.urgency.disabled": "Disabilitas",
    "ask.photos": (
        "Kirim <b>foto</b> KTP, surat, atau keadaan Anda (boleh beberapa).\n"
        "Kalau tidak ada, tekan Lewati."
    ),
    "ask.photo_kind": "Foto ke-{count} diterima. Ini foto apa?",
    "ask.photos_more": "{count} foto diterima. Kirim lagi, atau tekan Selesai.",
    "opt.photo.ktp": "KTP",
    "opt.photo.document": "Surat / dokumen",
    "opt.photo.situation": "Keadaan",
    "ask.summary": (
        "<b>Periksa laporan Anda:</b>\n\n"
        "Nama: {name}\n"
        "NIK: {nik}\n"
        "HP: {phone}\n"
        "Asal: {origin}\n"
        "Sekarang di: {location}\n"
        "Jumlah orang: {group}\n"
        "Dibawa oleh: {recruiter}\n"
        "Perusahaan: {employer}\n"
        "Pekerjaan: {work}\n"
        "Berhenti kerja: {ended}\n"
        "Gaji belum dibayar: {wages}\n"
        "Kebutuhan: {needs}\n"
        "Kondisi: {urgency}\n"
        "Foto: {photos} · Pesan suara: {voices}\n\n"
        "Kalau ada yang salah, tekan bagiannya untuk mengubah. "
        "Kalau sudah benar, tekan <b>Kirim</b>."
    ),
    "field.name": "Nama",
    "field.nik": "NIK",
    "field.phone": "HP",
    "field.origin": "Asal",
    "field.location": "Lokasi",
    "field.group": "Jumlah",
    "field.recruiter": "Perekrut",
    "field.employer": "Perusahaan",
    "field.work": "Pekerjaan",
    "field.ended": "Berhenti",
    "field.wages": "Gaji",
    "field.needs": "Kebutuhan",
    "field.urgency": "Kondisi",
    "field.photos": "Foto",
    "btn.submit": "✅ Kirim laporan",
    "btn.cancel": "✖ Batalkan",
    "ask.cancel": "Batalkan laporan? Semua jawaban Anda akan <b>dihapus</b>.",
    "btn.cancel_yes": "Ya, hapus",
    "btn.cancel_no": "Tidak, lanjutkan",
    # --- common buttons and values
    "btn.yes": "Ya",
    "btn.no": "Tidak",
    "btn.dont_know": "Tidak tahu",
    "btn.done": "✔ Selesai",
    "btn.none": "Tidak ada",
    "btn.skip": "Lewati",
    "btn.photos_done": "✔ Selesai kirim foto",
    "btn.ticked": "✅ {label}",
    "btn.unticked": "⬜ {label}",
    "value.none": "—",
    "value.shared_location": "lokasi dikirim",
    "value.district": "Kec. {name}",
    "value.with_phone": "{name} ({phone})",
    "value.unpaid_amount": "ya, sekitar {amount}",
    "value.other": "lainnya: {text}",
    # --- errors (kind and specific)
    "error.too_short": "Jawabannya terlalu pendek. Coba tulis lagi.",
    "error.too_long": "Jawabannya terlalu panjang (paling banyak {limit} huruf). Coba dipersingkat.",
    "error.name_letters": "Nama harus berisi huruf. Coba tulis lagi nama lengkap Anda.",
    "error.nik.not_digits": (
        "NIK hanya berisi angka. Ketik lagi 16 angka di KTP Anda, "
        "atau tekan <b>Tidak punya / lupa NIK</b>."
    ),
    "error.nik.too_short": (
        "NIK itu kurang dari 16 angka. Cocokkan satu per satu dengan KTP Anda, "
        "atau tekan <b>Tidak punya / lupa NIK</b>."
    ),
    "error.nik.too_long": (
        "NIK itu lebih dari 16 angka. Cocokkan satu per satu dengan KTP Anda, "
        "atau tekan <b>Tidak punya / lupa NIK</b>."
    ),
    "error.nik.unknown_district": (
        "Sepertinya ada angka NIK yang salah ketik. Cocokkan satu per satu dengan KTP Anda, "
        "atau tekan <b>Tidak punya / lupa NIK</b>."
    ),
    "error.nik.bad_date": (
        "Sepertinya ada angka NIK yang salah ketik. Cocokkan satu per satu dengan KTP Anda, "
        "atau tekan <b>Tidak punya / lupa NIK</b>."
    ),
    "error.nik.bad_serial": (
        "Sepertinya ada angka NIK yang salah ketik. Cocokkan satu per satu dengan KTP Anda, "
        "atau tekan <b>Tidak punya / lupa NIK</b>."
    ),
    "error.phone": "Nomor HP itu sepertinya salah ketik. Contoh: <b>0812 3456 7890</b>",
    "error.origin_not_found": (
        "Daerah itu tidak kami temukan. Coba ketik nama kabupaten/kota saja, "
        "misalnya <i>Lombok Timur</i>, atau pilih provinsi."
    ),
    "error.group": "Tulis jumlah orang dengan angka, dari 1 sampai {max}. Contoh: <b>12</b>",
    "error.amount": "Jumlahnya tidak terbaca. Contoh: <b>9 juta</b> atau <b>Rp 9.000.000</b>",
    "error.choose_one": "Pilih paling sedikit satu, lalu tekan Selesai.",
    "error.flood": "Pesan Anda banyak sekali. Kami baca satu per satu, mohon tunggu sebentar.",
    "error.internal": (
        "Maaf, ada gangguan di sistem kami. Jawaban-jawaban sebelumnya tetap tersimpan. "
        "Coba kirim lagi sebentar lagi."
    ),
    # --- hints for unexpected input
    "hint.use_buttons": "Silakan pilih salah satu tombol.",
    "hint.unexpected": "Maaf, kami belum bisa membaca itu.",
    "hint.unexpected_sticker": "Terima kasih. Tolong jawab pertanyaan ini dulu.",
    "hint.unexpected_photo": "Kirim fotonya nanti, di pertanyaan terakhir. Sekarang tolong jawab ini dulu.",
    "hint.unexpected_document": (
        "Kirim dokumennya nanti, di pertanyaan terakhir. Sekarang tolong jawab ini dulu."
    ),
    "hint.unexpected_voice": "Pesan suara belum bisa dipakai di sini. Tolong pilih tombol.",
    "hint.unexpected_contact": "Nomor tidak diperlukan di sini. Tolong jawab ini dulu.",
    "hint.unexpected_location": "Lokasi tidak diperlukan di sini. Tolong jawab ini dulu.",
    "hint.unexpected_edited": (
        "Pesan yang diubah tidak kami baca. Untuk mengubah jawaban, "
        "ketik /kembali atau ubah di ringkasan nanti."
    ),
    "hint.command": "Perintah itu tidak bisa dipakai sekarang. /kembali untuk mundur, /batal untuk berhenti.",
    "hint.stale_button": "Tombol itu sudah tidak berlaku. Jawab pertanyaan terakhir di bawah ini.",
    "hint.photos": "Kirim foto, atau tekan tombol Selesai / Lewati.",
    "hint.summary": "Tekan bagian yang ingin diubah, atau tekan Kirim laporan.",
    "note.voice_kept": "🎤 Pesan suara disimpan untuk petugas. Tolong tulis juga jawabannya singkat.",
    "note.resume": "Anda masih mengisi laporan. Kita lanjutkan.",
    "note.resume_after_restart": "Maaf, tadi ada gangguan. Kita lanjutkan:",
    "note.ok": "Baik.",
    "note.at_first_question": "Ini pertanyaan pertama.",
    # --- endings
    "closing.cancelled": "Laporan dibatalkan dan jawaban dihapus. Ketik /start untuk mulai lagi.",
    "closing.submitted_intake": (
        "✅ Laporan Anda diterima.\n"
        "Nomor laporan: <b>{number}</b>\n\n"
        "Petugas Dinas Sosial akan menghubungi Anda. Simpan nomor ini. "
        "Ketik /status untuk melihat perkembangan.\n\n"
        "Kantor kami:\n{office}"
    ),
    "menu.idle": (
        "Halo. Ini layanan Dinas Sosial Kabupaten Kotawaringin Barat.\n"
        "Pilih di bawah, atau ketik /start untuk melapor."
    ),
    "menu.no_draft": "Tidak ada laporan yang sedang diisi. Ketik /start untuk melapor.",
    "btn.menu_report": "📝 Buat laporan",
    "btn.menu_status": "📋 Laporan saya",
    # --- status
    "status.none": "Anda belum punya laporan. Ketik /start untuk melapor.",
    "status.header": "<b>Laporan Anda:</b>",
    "status.line": "• <b>{number}</b> ({date}): {status}",
    "rstatus.baru": "baru, menunggu petugas",
    "rstatus.diverifikasi": "sudah diperiksa petugas",
    "rstatus.ditangani": "sedang ditangani",
    "rstatus.dirujuk": "sedang dibantu kantor lain (puskesmas, polisi, atau dinas tenaga kerja)",
    "rstatus.dipulangkan": "sudah dipulangkan",
    "rstatus.selesai": "selesai",
    "rstatus.ditolak": "tidak bisa dibantu lewat layanan ini. Tanyakan ke kantor kami: {office}",
    "rstatus.duplikat": "sama dengan laporan lain; kami urus di laporan itu",
    # --- language
    "lang.ask": "Pilih bahasa / Choose a language:",
    "lang.set": "Bahasa: Indonesia.",
    # --- staff notice
    "notify.new_case": (
        "🆕 Laporan baru <b>{number}</b>{urgent}\n"
        "Asal: {origin}\n"
        "Jumlah orang: {group}\n"
        "Kebutuhan: {needs}"
    ),
    "notify.urgent": " · ⚠️ <b>MENDESAK</b>",
    # --- command menu
    "cmd.start": "Buat laporan",
    "cmd.status": "Lihat laporan saya",
    "cmd.kembali": "Kembali ke pertanyaan sebelumnya",
    "cmd.batal": "Batalkan laporan",
    "cmd.bahasa": "Ganti bahasa",
}

# The field officer's group intake (/lapor).
TEXTS.update(
    {
        "ask.oconsent": (
            "<b>Pendaftaran oleh petugas lapangan</b>\n\n"
            "Apakah warga (atau ketua rombongan) sudah setuju secara lisan bahwa data mereka "
            "dicatat oleh Dinas Sosial untuk membantu mereka, termasuk pemulangan?"
        ),
        "btn.oconsent_yes": "✅ Ya, sudah setuju secara lisan",
        "btn.oconsent_no": "✖ Belum / tidak setuju",
        "closing.declined_officer": "Baik, tanpa persetujuan data warga tidak dicatat. /lapor untuk mulai lagi.",
        "closing.submitted_officer": (
            "✅ Kasus rombongan tercatat: <b>{number}</b>.\n"
            "Kasus ini ditugaskan kepada Anda. Buka dengan /kasus {number}."
        ),
        "ask.members": (
            "Kirim <b>daftar anggota</b>, satu orang per baris:\n"
            "<code>Nama, NIK, umur</code>\n"
            "NIK dan umur boleh kosong. Boleh ditambah: L/P, nomor HP, sakit, hamil, anak, lansia, disabilitas.\n"
            "Contoh:\n<code>Budi Santoso, 5203011508900001, 34\nSiti, , 25, P, hamil\nAgus, anak</code>"
        ),
        "ask.members_more": (
            "<b>Anggota ({count}):</b>\n{members}\n\n"
            "Kirim baris lain untuk menambah, atau tekan <b>Selesai</b>."
        ),
        "value.member": "{n}. {name} · NIK {nik} · umur {age}",
        "value.more_people": "… dan {count} orang lagi",
        "btn.members_done": "✔ Selesai",
        "btn.members_undo": "↩ Hapus terakhir",
        "members.added": "✔ {count} orang ditambahkan (jumlah {total}).",
        "members.same_nik": "{name}: NIK ini sudah ada di daftar, tidak ditambahkan.",
        "members.too_many": "Paling banyak {max} orang per kasus.",
        "members.line_problem": "Baris {line} tidak ditambahkan: {problem}",
        "members.problems": "{lines}",
        "members.more_problems": "… dan {count} baris lain yang tidak ditambahkan.",
        "members.no_name": "nama harus di depan dan berisi huruf.",
        "members.bad_nik": "NIK tidak valid (periksa 16 angkanya), atau kosongkan saja.",
        "members.bad_age": "umur tidak masuk akal.",
        "members.bad_phone": "nomor HP tidak valid.",
        "members.unknown_part": "ada bagian yang tidak dikenali. Pakai: Nama, NIK, umur.",
        "error.members_none": "Belum ada anggota. Kirim paling sedikit satu nama.",
        "ask.site": "Di mana <b>lokasi kerja</b> rombongan (kebun, proyek, desa)?",
        "ask.story": "Ceritakan <b>singkat keadaan</b> rombongan (boleh dilewati).",
        "field.members": "Anggota",
        "field.site": "Lokasi kerja",
        "field.story": "Cerita",
        "ask.osummary": (
            "<b>Periksa data rombongan:</b>\n\n"
            "<b>Anggota ({count}):</b>\n{members}\n\n"
            "Asal: {origin}\n"
            "Sekarang di: {location}\n"
            "Dibawa oleh: {recruiter}\n"
            "Perusahaan: {employer}\n"
            "Lokasi kerja: {site}\n"
            "Pekerjaan: {work}\n"
            "Berhenti kerja: {ended}\n"
            "Gaji belum dibayar: {wages}\n"
            "Kebutuhan: {needs}\n"
            "Kondisi: {urgency}\n"
            "Cerita: {story}\n"
            "Foto: {photos}\n\n"
            "Tekan bagian yang salah untuk mengubah, atau <b>Kirim</b>."
        ),
        "cmd.lapor": "Daftarkan warga atau rombongan",
        # The shared questions in the officer's words about the group (views.intake.worded_for).
        "ask.origin.officer": (
            "Dari mana <b>asal rombongan</b>?\n"
            "Ketik nama kabupaten/kota, misalnya: <i>Lombok Timur</i> atau <i>Jember</i>.\n"
            "Atau pilih provinsi:"
        ),
        "ask.location.officer": (
            "Di mana rombongan <b>sekarang</b>?\n"
            "Tekan <b>📍 Kirim lokasi</b>, atau ketik nama tempatnya "
            "(misalnya: <i>mes PT ... di Kumai</i>)."
        ),
        "ask.recruiter.officer": (
            "Siapa yang <b>membawa</b> mereka ke sini? (agen, calo, atau ketua rombongan)\n"
            "Ketik namanya."
        ),
        "ask.employer.officer": "Mereka bekerja di <b>perusahaan</b> apa, atau ikut siapa? Ketik namanya.",
        "ask.work.officer": "Apa <b>pekerjaan mereka</b> di sini? Pilih, atau ketik.",
        "ask.ended.officer": (
            "<b>Kapan</b> pekerjaan mereka berhenti? Pilih, atau ketik (misalnya: <i>Oktober</i>)."
        ),
        "ask.wages.officer": "Apakah ada <b>gaji mereka yang belum dibayar</b>?",
        "ask.amount.officer": (
            "Kira-kira <b>berapa</b> gaji mereka yang belum dibayar, semuanya? Contoh: <i>45 juta</i>"
        ),
        "ask.needs.officer": (
            "Apa yang <b>mereka butuhkan</b>? Boleh pilih lebih dari satu, lalu tekan <b>Selesai</b>."
        ),
        "ask.needs_other.officer": "Tulis <b>kebutuhan lain</b> rombongan.",
        "ask.photos.officer": (
            "Kirim <b>foto</b> KTP, surat, atau keadaan rombongan (boleh beberapa).\n"
            "Kalau tidak ada, tekan Lewati."
        ),
    }
)

# Fewer questions from the NIK, files kept at any step, /start with an open report.
TEXTS.update(
    {
        "ask.nik_origin": "Asal Anda <b>{regency}</b>, {province}?",
        "btn.origin_not_mine": "Bukan",
        "hint.nik_origin": (
            "Tekan <b>Ya</b> kalau benar. Kalau bukan, tekan <b>Bukan</b> "
            "atau ketik nama kabupaten asal Anda."
        ),
        "note.voice_kept_choice": (
            "🎤 Pesan suara disimpan untuk petugas. Untuk pertanyaan ini, "
            "tekan tombol atau ketik jawabannya."
        ),
        "note.voice_kept_photos": (
            "🎤 Pesan suara disimpan untuk petugas. Kirim foto kalau ada. "
            "Kalau sudah, tekan tombol di bawah."
        ),
        "note.voice_kept_summary": (
            "🎤 Pesan suara disimpan untuk petugas. Periksa laporan Anda, lalu tekan Kirim laporan."
        ),
        "note.voice_kept_osummary": (
            "🎤 Pesan suara disimpan untuk petugas. Periksa data rombongan, lalu tekan Kirim laporan."
        ),
        "note.photo_kept_for_later": (
            "📷 Foto disimpan. Di akhir nanti kami tanya itu foto apa. "
            "Sekarang tolong jawab pertanyaan ini."
        ),
        "note.document_kept_for_later": (
            "📄 Dokumen disimpan. Di akhir nanti kami tanya itu dokumen apa. "
            "Sekarang tolong jawab pertanyaan ini."
        ),
        "note.photo_kept": "📷 Foto disimpan untuk petugas.",
        "note.document_kept": "📄 Dokumen disimpan untuk petugas.",
        "ask.photo_kind_early": "Foto ke-{count} yang Anda kirim tadi sudah kami simpan. Ini foto apa?",
        "start.open_case": (
            "Anda sudah punya laporan <b>{number}</b>: {status}.\n"
            "Mau membuat laporan baru, atau melihat laporan Anda?"
        ),
        "btn.menu_new_report": "📝 Laporan baru",
        "btn.menu_my_reports": "📋 Lihat laporan saya",
    }
)

# Typed answers at every question with buttons (issue 10): one short question back when an
# answer is unclear, and what a shared contact or location gave.
TEXTS.update(
    {
        "hint.not_understood": "Maaf, jawaban itu belum kami pahami.",
        "hint.and_question": "{hint}\n\n{question}",
        "again.consent": "Apakah Anda setuju? Ketik <b>ya</b> atau <b>tidak</b>, atau tekan tombolnya.",
        "again.oconsent": (
            "Apakah warga sudah setuju secara lisan? Ketik <b>ya</b> atau <b>belum</b>, "
            "atau tekan tombolnya."
        ),
        "again.cancel": "Hapus laporan ini? Ketik <b>ya</b> atau <b>tidak</b>.",
        "again.summary_change": "Bagian mana yang salah? Tekan bagiannya di bawah untuk mengubah.",
        "again.wages": (
            "Jadi, ada gaji yang belum dibayar? Ketik <b>ya</b>, <b>tidak</b>, "
            "atau <b>tidak tahu</b>."
        ),
        "again.ended": (
            "Kapan kira-kira berhentinya? Ketik misalnya <i>kemarin</i>, <i>2 minggu lalu</i> "
            "atau <i>Oktober</i>, atau pilih:"
        ),
        "again.needs": "Apa yang Anda butuhkan? Ketik, misalnya <i>pulang dan makan</i>, atau pilih:",
        "again.urgency": (
            "Ada yang sakit, hamil, anak-anak, lansia, atau disabilitas? "
            "Tulis siapa dan sakit apa, atau pilih. Kalau tidak ada, tekan <b>Tidak ada</b>."
        ),
        "ask.amount_which": "Yang mana jumlah gaji yang <b>belum dibayar</b>?",
        "note.got_phone": "✔ Nomor HP: {phone}",
        "note.got_no_phone": "✔ Tanpa nomor HP.",
        "note.got_location": "✔ Lokasi diterima.",
        "note.got_place": "✔ Tempat: {place}",
        "value.chosen": "{items}",
        "value.ended_on": "{words} ({date})",
    }
)
