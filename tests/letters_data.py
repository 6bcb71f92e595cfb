"""Synthetic letter data for the tests: invented people, numbers and places."""
import datetime as dt

SECRETS = {  # every identifying value of the case: none may survive redaction
    "korban": "Melati Kusumawardani", "korban_nik": "6307015001150002", "korban_alamat": "Gang Kenari Nomor 9",
    "korban_lahir": dt.date(2015, 1, 10), "ibu": "Ratna Sekarwangi", "ibu_nik": "6307014405880001",
    "ibu_alamat": "Gang Kenari Nomor 9", "terlapor": "Bambang Prasetyohadi", "terlapor_nik": "6307010203800003",
    "tempat": "Rumah di Gang Kenari",
}


def case_data(child: bool = True) -> dict:
    s = SECRETS
    korban = {"nama": s["korban"], "nik": s["korban_nik"], "tanggal_lahir": s["korban_lahir"].isoformat(),
              "jenis_kelamin": "perempuan", "umur": 11 if child else 30, "alamat": s["korban_alamat"],
              "anak": child}
    ibu = {"nama": s["ibu"], "nik": s["ibu_nik"], "alamat": s["ibu_alamat"], "hubungan": "ibu kandung korban",
           "pekerjaan": "Pedagang", "umur": 38}
    terlapor = {"nama": s["terlapor"], "nik": s["terlapor_nik"], "hubungan": "tetangga", "umur": 45}
    return {
        "surat": {"tanggal": "2026-01-11", "tujuan": {"nama": "Kepala Rumah Sakit Umum Daerah Contoh"},
                  "lampiran": "1 (satu) berkas"},
        "kasus": {
            "nomor_register": "REG-2026-0007", "tanggal_pengaduan": "2026-01-05",
            "bentuk_kekerasan": ["kekerasan fisik"], "tempat_kejadian": s["tempat"],
            "kronologi": f"{s['ibu']} melaporkan bahwa Melati dipukul oleh {s['terlapor']} di {s['korban_alamat']}.",
            "kondisi": "Korban mengalami memar di lengan; Melati tampak takut.",
            "korban": [korban], "pelapor": ibu, "terlapor": [terlapor],
            "layanan": ["Pengaduan diterima 5 Januari 2026", "Asesmen awal oleh konselor"],
        },
        "rincian": {
            "pihak": [ibu, terlapor], "saksi": [{"nama": "Yusuf Habibullah", "umur": 50}],
            "mediator": {"nama": "Dewi Anggraini, S.Psi", "jabatan": "Mediator UPTD PPA",
                         "nip": "198501152010012003", "golongan": "III/c"},
            "petugas": [{"nama": "Rina Oktaviani, S.Sos", "jabatan": "Pendamping Korban",
                         "nip": "199003212015032001", "golongan": "III/b"}],
            "tempat_kegiatan": "Ruang Mediasi UPTD PPA", "tanggal_kegiatan": "2026-01-11",
            "butir": ["Pihak Kedua meminta maaf kepada Melati dan keluarganya",
                      "Pihak Kedua menanggung biaya pengobatan sebesar Rp1.500.000"],
            "dokumen": ["Salinan formulir pengaduan", "Hasil asesmen"],
            "layanan": ["Pemeriksaan medis", "Visum et repertum"],
            "maksud": "Pemeriksaan dan perawatan medis korban",
            "lama": "14 (empat belas) hari", "dasar": ["Hasil asesmen kasus tanggal 6 Januari 2026"],
        },
    }
