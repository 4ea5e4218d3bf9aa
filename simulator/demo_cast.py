"""The made-up cast of the demo year: names, origins, recruiters, employers, places, words.

All of it is fictional, shaped like the office's caseload (simulator/demo_data.py plays the
year with it): most people from Java and NTB, recruiters whose names people spell differently,
employers and places around Kotawaringin Barat, the notes and messages staff write.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.storage.tables import Role

# Telegram ids of the fictional people below (far from the personas' ids).
DEMO_ID_BASE = 6_100_000_000

# Province weight and regencies (weights) people come from: mostly Java and NTB.
ORIGINS: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = {
    "35": (30, (("35.09", 5), ("35.10", 4), ("35.11", 3), ("35.12", 2), ("35.08", 2),
                ("35.07", 2), ("35.22", 1), ("35.26", 1))),
    "33": (19, (("33.29", 4), ("33.01", 3), ("33.15", 3), ("33.05", 2), ("33.27", 2),
                ("33.12", 1))),
    "32": (8, (("32.12", 3), ("32.09", 2), ("32.05", 2), ("32.03", 1))),
    "34": (2, (("34.03", 1),)),
    "52": (27, (("52.03", 6), ("52.02", 5), ("52.01", 3), ("52.04", 2), ("52.06", 1),
                ("52.05", 1))),
    "53": (8, (("53.02", 2), ("53.04", 1), ("53.10", 1), ("53.12", 1))),
    "73": (3, (("73.08", 1), ("73.13", 1))),
    "18": (3, (("18.02", 1), ("18.07", 1))),
}  # fmt: skip

# (male first names, female first names, male second names, female second names)
NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "jawa": (
        ("Agus", "Bambang", "Budi", "Dwi", "Eko", "Heru", "Joko", "Slamet", "Sugeng", "Wahyu",
         "Yanto", "Teguh", "Sutrisno", "Mulyono", "Imam", "Tri", "Rudi", "Suparman", "Ahmad"),
        ("Sri", "Siti", "Wartini", "Sumiati", "Rukmini", "Endang", "Tutik", "Yuliani",
         "Suwarni", "Puji", "Umi", "Wiwik", "Ani"),
        ("Santoso", "Wibowo", "Susanto", "Prasetyo", "Hidayat", "Purnomo", "Setiawan",
         "Wahyudi", "Saputra", "Nugroho", "Kurniawan", "Riyadi", "Hartono"),
        ("Rahayu", "Wulandari", "Handayani", "Lestari", "Astuti", "Mulyani", "Ningsih",
         "Rahmawati", "Utami"),
    ),
    "sunda": (
        ("Asep", "Dedi", "Ujang", "Cecep", "Iwan", "Yayan", "Dadang", "Enjang"),
        ("Euis", "Neneng", "Iis", "Cucu", "Yati", "Imas", "Nining"),
        ("Sopian", "Suryana", "Permana", "Saepudin", "Kurnia", "Hermawan", "Rohmat"),
        ("Rohaeti", "Komariah", "Nurhasanah", "Kurniasih"),
    ),
    "sasak": (
        ("Ahmad", "Muhammad", "Zainal", "Sahrul", "Hasanudin", "Rusdi", "Saparudin", "Junaidi",
         "Supardi", "Maliki", "Lalu Ahmad", "Lalu Wirawan"),
        ("Nurul", "Sumiati", "Rohani", "Hurniati", "Sumarni", "Saodah", "Rabiatul",
         "Baiq Nurul", "Baiq Sri"),
        ("Abidin", "Hadi", "Arifin", "Fadli", "Hamdi", "Azhar", "Ramli", "Sahnan"),
        ("Aini", "Hidayati", "Wahidah", "Jannah", "Fitriani"),
    ),
    "mbojo": (
        ("Syamsuddin", "Arifin", "Hamdan", "Ismail", "Abdul", "Amir", "Jufri"),
        ("Nurhayati", "Sitti", "Jubaedah", "Hadijah", "Rahmi"),
        ("Rahman", "Mustakim", "Hamzah", "Yusuf", "Salahuddin"),
        ("Aminah", "Rahmah", "Maryam"),
    ),
    "ntt": (
        ("Yohanes", "Fransiskus", "Marthen", "Yakobus", "Petrus", "Markus", "Kornelis",
         "Agustinus"),
        ("Maria", "Yuliana", "Agustina", "Magdalena", "Yasinta", "Oktavia"),
        ("Tefa", "Nope", "Benu", "Seran", "Bria", "Taolin", "Kase", "Manek", "Nahak", "Ndun"),
        ("Tefa", "Nope", "Benu", "Seran", "Bria", "Kase"),
    ),
    "bugis": (
        ("Muhammad", "Syamsul", "Rahmat", "Baharuddin", "Sudirman", "Andi Irwan"),
        ("Hasnah", "Nurhayati", "Rosmini", "Salmawati"),
        ("Rasyid", "Tahir", "Lallo", "Syukur"),
        ("Rasyid", "Tahir", "Amir"),
    ),
}  # fmt: skip


def culture_of(regency_code: str) -> str:
    province = regency_code[:2]
    if province == "32":
        return "sunda"
    if province == "52":
        return "sasak" if regency_code in ("52.01", "52.02", "52.03", "52.08", "52.71") else "mbojo"
    if province == "53":
        return "ntt"
    if province == "73":
        return "bugis"
    return "jawa"


@dataclass(frozen=True)
class DemoRecruiter:
    spellings: tuple[str, ...]  # how different people write the same name
    phone: str | None
    provinces: tuple[str, ...]  # where they find workers
    weight: int


RECRUITERS: tuple[DemoRecruiter, ...] = (
    DemoRecruiter(("Pak Joko Susilo", "Joko Susilo", "Pak Joko"), "081335550101", ("35",), 9),
    DemoRecruiter(("Haji Sanusi", "H. Sanusi", "Sanusi"), "081917550102", ("52",), 8),
    DemoRecruiter(("Amaq Rudi", "Amaq Rudy"), "087865550103", ("52",), 6),
    DemoRecruiter(("Bu Wartini", "Wartini"), "085225550104", ("33",), 6),
    DemoRecruiter(("Mas Yanto", "Suyanto"), None, ("35", "33"), 4),
    DemoRecruiter(("Lalu Fadli",), "081805550105", ("52",), 4),
    DemoRecruiter(("Pak Darsono", "Darsono"), "082135550106", ("33", "34"), 4),
    DemoRecruiter(("Kang Asep Saepudin", "Asep Saepudin"), "081395550107", ("32",), 4),
    DemoRecruiter(("Markus Seran",), "081339550108", ("53",), 4),
    DemoRecruiter(("Cak Mul", "Mulyadi"), None, ("35",), 3),
    DemoRecruiter(("Pak Hasan (ketua rombongan)", "Hasan"), "081237550109", ("35", "52"), 2),
    DemoRecruiter(("Daeng Syukur",), "085255550110", ("73",), 2),
)
NO_RECRUITER_WEIGHT = 18

# (name, work type) of fictional employers around Kotawaringin Barat.
EMPLOYERS: tuple[tuple[str, str], ...] = (
    ("PT Sawit Arut Lestari", "plantation"),
    ("PT Borneo Agro Makmur", "plantation"),
    ("PT Kumai Palma Sejahtera", "plantation"),
    ("PT Lada Hijau Perkasa", "plantation"),
    ("CV Karya Bangun Arut", "construction"),
    ("PT Jalan Lintas Kobar", "construction"),
    ("PT Pasir Zirkon Arut", "mining"),
    ("PKS Kumai Jaya (pabrik sawit)", "factory"),
    ("PT Kayu Lapis Kotawaringin", "factory"),
    ("UD Ikan Segar Kumai", "fishing"),
)
EMPLOYER_WEIGHTS = (14, 12, 10, 8, 5, 3, 4, 4, 3, 3)

# District of Kobar, weight, centre, and places people name.
DISTRICTS: tuple[tuple[str, int, float, float, tuple[str, ...]], ...] = (
    ("62.01.02", 40, -2.683, 111.628,
     ("Terminal Natai Suka, Pangkalan Bun", "Masjid Agung Pangkalan Bun", "Pasar Indra Sari",
      "Kos di Jl. Pakunegara, Pangkalan Bun")),
    ("62.01.01", 25, -2.737, 111.729,
     ("Pelabuhan Panglima Utar, Kumai", "Mes karyawan di Kumai Hulu", "Pasar Kumai")),
    ("62.01.05", 12, -2.571, 111.847, ("Mes kebun di Pangkalan Lada",)),
    ("62.01.06", 10, -2.476, 112.031, ("Barak pekerja di Pangkalan Banteng",)),
    ("62.01.03", 7, -2.469, 111.442, ("Mes kebun di Kotawaringin Lama",)),
    ("62.01.04", 6, -2.260, 111.580, ("Camp tambang di Arut Utara",)),
)  # fmt: skip

MOBILE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0857", "0858", "0877",
                   "0878", "0819", "0838", "0895", "0896")  # fmt: skip

# Non-persona team members of the demo office (fictional).
DEMO_TEAM: tuple[tuple[int, str, Role, str | None], ...] = (
    (DEMO_ID_BASE + 900_001, "Ahmad Fauzi", Role.STAFF, None),
    (DEMO_ID_BASE + 900_002, "Rina Marlina", Role.STAFF, None),
    (DEMO_ID_BASE + 900_003, "Yusuf Maulana", Role.OFFICER, None),
    (DEMO_ID_BASE + 900_004, "Bripka Andi Saputra", Role.PARTNER, "polres"),
    (DEMO_ID_BASE + 900_005, "Nur Aini", Role.PARTNER, "disnakertrans"),
)

NOTES = (
    "Sudah diwawancara di kantor Dinsos, didampingi petugas.",
    "Menunggu jadwal kapal dari Pelabuhan Kumai.",
    "Sementara tinggal di rumah singgah Dinsos.",
    "Sudah dapat makan dari dapur umum.",
    "Mandor perusahaan sudah dihubungi, belum ada jawaban soal gaji.",
    "KTP hilang, dibuatkan surat keterangan kehilangan.",
    "Keluarga di kampung sudah dihubungi lewat kepala desa.",
)
RELAY_OUT = (
    "Besok jam 9 pagi silakan datang ke kantor Dinsos di Jl. Sutan Syahrir. Bawa KTP kalau ada.",
    "Kami sedang mengurus tiket kapal Anda. Mohon tetap bisa dihubungi.",
    "Apakah ada anggota rombongan yang sakit? Mohon kabari kami.",
)
RELAY_IN = ("Baik pak, terima kasih.", "Iya bu, besok saya datang.", "Terima kasih banyak.")
STORIES = (
    "Rombongan dibawa {recruiter} untuk kerja di {employer}. Setelah beberapa bulan gaji tidak "
    "dibayar dan mereka disuruh keluar dari mes.",
    "Dijanjikan gaji harian oleh {recruiter}, tetapi sampai di Kobar pekerjaannya tidak ada.",
    "Kontrak dengan {employer} selesai, uang tidak cukup untuk pulang.",
    "Ditemukan petugas di {place}, tidur di emperan toko beberapa malam.",
)
REJECTIONS = (
    "Bukan warga telantar: warga Kobar sendiri, diarahkan ke bantuan sosial kelurahan.",
    "Sudah bekerja lagi dan tidak ingin pulang.",
    "Tidak bisa dihubungi lagi setelah tiga kali dicoba.",
)
JOURNEYS = {
    "java": "Kapal dari Pelabuhan Kumai ke {port}, lalu bus ke {regency}.",
    "ntb": "Kapal dari Kumai ke Surabaya, lanjut bus dan kapal ke Lombok/Sumbawa ({regency}).",
    "ntt": "Kapal dari Kumai ke Surabaya, lanjut kapal Pelni ke Kupang ({regency}).",
    "other": "Kapal dari Kumai ke Surabaya, lanjut ke {regency}.",
}
