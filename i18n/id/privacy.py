"""Hak pelapor atas datanya (/datasaya, /koreksi, /hapusdata) dan log audit (/audit)."""

TEXTS: dict[str, str] = {
    "cmd.datasaya": "Lihat data saya",
    "cmd.koreksi": "Minta koreksi data saya",
    "cmd.hapusdata": "Minta data saya dihapus",
    "cmd.audit": "Log audit: siapa membuka dan mengubah apa",
    "privacy.rights": (
        "🔒 Data Anda: /datasaya untuk melihat semuanya, /koreksi untuk membetulkan, "
        "/hapusdata untuk menghapus. Laporan yang sudah selesai kami simpan {days} hari, "
        "lalu nama, NIK, nomor HP, lokasi, cerita dan foto dihapus."
    ),
    "privacy.nothing_stored": "Kami tidak menyimpan laporan atas nama Anda.",
    "privacy.reporters_only": "Perintah ini untuk pelapor, tentang data laporannya sendiri.",
    # /datasaya
    "privacy.mydata_title": "<b>Data Anda yang kami simpan</b>",
    "privacy.mydata_account": "Akun #{id} · bahasa {language} · sejak {date}",
    "privacy.mydata_consent": "Persetujuan: {answer} ({date}, versi {version})",
    "privacy.consent_yes": "setuju",
    "privacy.consent_no": "tidak setuju",
    "privacy.mydata_case": "\n<b>{number}</b> (dilaporkan {date}) · {status}",
    "privacy.mydata_field": "{label}: {value}",
    "privacy.mydata_person": "Orang ke-{position}: {details}",
    "privacy.mydata_files": "Foto dan berkas: {count}",
    "privacy.mydata_messages": "Pesan dengan kantor: {count} (isinya ada di berkas)",
    "privacy.mydata_requests": "Permintaan Anda tentang data: {count}",
    "privacy.mydata_caption": "Semua data Anda dalam satu berkas (JSON).",
    "privacy.yes": "ya",
    "privacy.no": "tidak",
    "pfield.full_name": "Nama",
    "pfield.nik": "NIK",
    "pfield.phone": "Nomor HP",
    "pfield.birth_date": "Tanggal lahir",
    "pfield.sex": "Jenis kelamin",
    "pfield.age": "Umur",
    "pfield.age_group": "Kelompok umur",
    "pfield.position": "Urutan",
    "pfield.status": "Status",
    "pfield.vulnerabilities": "Kondisi khusus",
    "pfield.origin_province_code": "Kode provinsi asal",
    "pfield.origin_regency_code": "Kode kabupaten asal",
    "pfield.location_text": "Lokasi",
    "pfield.latitude": "Lintang",
    "pfield.longitude": "Bujur",
    "pfield.location_district_code": "Kode kecamatan",
    "pfield.group_size": "Jumlah orang",
    "pfield.recruiter_name": "Nama perekrut",
    "pfield.recruiter_phone": "HP perekrut",
    "pfield.employer": "Pemberi kerja",
    "pfield.work_type": "Pekerjaan",
    "pfield.work_ended": "Berhenti kerja",
    "pfield.wages_unpaid": "Gaji belum dibayar",
    "pfield.wages_amount": "Jumlah gaji",
    "pfield.needs": "Kebutuhan",
    "pfield.needs_other": "Kebutuhan lain",
    "pfield.work_site": "Tempat kerja",
    "pfield.story": "Cerita",
    # /koreksi
    "privacy.ask_field": "Bagian mana dari laporan {number} yang salah? Pilih di bawah.",
    "privacy.ask_value": "Ketik {field} yang benar. Ketik /batal kalau tidak jadi.",
    "privacy.correction_sent": (
        "Terima kasih. Permintaan koreksi {field} sudah kami terima; petugas akan memeriksanya "
        "dan memberi kabar."
    ),
    "privacy.input_cancelled": "Baik, tidak jadi.",
    "privacy.bad_field": "Bagian itu tidak bisa dikoreksi di sini.",
    "privacy.bad_value": "Tulis nilai yang benar (paling panjang 200 huruf).",
    "privacy.bad_nik": "NIK itu tidak mungkin benar: 16 angka, seperti di KTP. Coba lagi.",
    "privacy.bad_phone": "Nomor HP itu tidak bisa kami baca. Contoh: 0812 3456 7890. Coba lagi.",
    "privacy.bad_date": "Tulis tanggal lahir seperti ini: 15-08-1990. Coba lagi.",
    "privacy.not_yours": "Laporan itu bukan laporan Anda.",
    "privacy.request_unknown": "Permintaan itu tidak ada.",
    "privacy.request_decided": "Permintaan itu sudah diputuskan.",
    "privacy.notice_correction": (
        "🔒 <b>{number}</b>: pelapor minta koreksi <b>{field}</b> menjadi: {value}"
    ),
    "btn.privacy_apply": "✅ Terapkan",
    "btn.privacy_decline": "✖ Tolak",
    "privacy.correction_applied": "✅ Koreksi {field} pada laporan {number} sudah diterapkan.",
    "privacy.correction_declined": (
        "Koreksi {field} pada laporan {number} tidak diterapkan. "
        "Kalau data kami memang salah, hubungi kantor kami: {office}"
    ),
    "privacy.decided_applied": "✅ Diterapkan oleh {name}",
    "privacy.decided_declined": "✖ Ditolak oleh {name}",
    "privacy.decided_erased": "🗑 Dihapus oleh {name}",
    "privacy.decided_reason": "✖ Ditolak oleh {name}: {reason}",
    # /hapusdata
    "privacy.erasure_explain": (
        "Anda minta semua data pribadi Anda dihapus: nama, NIK, nomor HP, tanggal lahir, "
        "lokasi, cerita, foto dan pesan dari {count} laporan.\n"
        "Yang tetap ada: jumlah orang dan status laporan untuk statistik, tanpa nama.\n"
        "Petugas memutuskan dalam 3x24 jam. Yakin?"
    ),
    "btn.erase_confirm": "🗑 Ya, hapus data saya",
    "btn.erase_keep": "Tidak jadi",
    "privacy.erasure_kept": "Baik, data Anda tidak dihapus.",
    "privacy.erasure_received": (
        "Permintaan hapus data sudah kami terima. Petugas memutuskan paling lambat {due}."
    ),
    "privacy.erasure_pending": "Permintaan hapus data Anda sudah kami terima dan sedang diputuskan.",
    "privacy.notice_erasure": (
        "🗑 Pelapor (akun #{account}) minta semua datanya dihapus: {count} laporan ({numbers}). "
        "Putuskan paling lambat {due}: hapus, atau tolak dengan alasan hukum."
    ),
    "btn.erase_do": "🗑 Hapus sekarang",
    "btn.reason.law_enforcement": "Tolak: proses hukum",
    "btn.reason.state_interest": "Tolak: kepentingan umum",
    "btn.reason.legal_obligation": "Tolak: wajib disimpan",
    "reason.law_enforcement": (
        "masih diperlukan untuk proses penegakan hukum (UU PDP Pasal 15 ayat 1 huruf b)"
    ),
    "reason.state_interest": (
        "diperlukan untuk kepentingan umum dalam penyelenggaraan negara "
        "(UU PDP Pasal 15 ayat 1 huruf c)"
    ),
    "reason.legal_obligation": (
        "wajib disimpan kantor menurut undang-undang (UU PDP Pasal 20 ayat 2 huruf c)"
    ),
    "privacy.erased": (
        "🗑 Data pribadi Anda sudah dihapus dari {count} laporan. "
        "Yang tersisa hanya angka untuk statistik, tanpa nama."
    ),
    "privacy.erasure_declined": (
        "Permintaan hapus data tidak bisa kami penuhi, karena data itu {reason}. "
        "Tanyakan ke kantor kami: {office}"
    ),
    "privacy.erasure_done_staff": "Data pelapor dihapus dari {count} laporan.",
    "privacy.declined_staff": "Penolakan dikirim ke pelapor.",
    "privacy.erasure_due": (
        "⏰ Permintaan hapus data #{id} ({count} laporan) belum diputuskan. "
        "Batasnya {left} lagi. Putuskan di grup staf, lewat pesan permintaannya."
    ),
    "event.privacy": "🔒 Permintaan data pribadi: {note}",
    # /audit
    "audit.admins_only": "Log audit hanya untuk admin.",
    "audit.title": "<b>Log audit</b> · {count} catatan terbaru{filters}",
    "audit.none": "Tidak ada catatan yang cocok.",
    "audit.line": "{when} · {who} · <code>{action}</code>{case}{detail}{chat}",
    "audit.by_system": "sistem",
    "audit.usage": (
        "Contoh: /audit · /audit kasus KBR-2026-0001 · /audit orang 12 · "
        "/audit 2026-11-01 2026-11-30"
    ),
    "audit.unknown_case": "Kasus {number} tidak ada.",
    "audit.unknown_person": "Tidak ada akun {who} (pakai nomor akun, ID Telegram atau nama petugas).",
}
