"""The regulation registry (registri/peraturan.yaml)."""
from __future__ import annotations

from pydantic import Field

from soppress.model.fields import Model, Teks, TeksWajib


class Lembaran(Model):
    """A publication reference: Lembaran/Berita Negara or Lembaran/Berita Daerah."""
    tahun: int
    nomor: TeksWajib


class Peraturan(Model):
    """A regulation in registri/peraturan.yaml."""
    jenis: TeksWajib = Field(description="Undang-Undang, Peraturan Pemerintah, Peraturan Menteri …, Peraturan Daerah …")
    nomor: TeksWajib
    tahun: int
    tentang: TeksWajib
    ln: Lembaran | None = Field(None, description="Lembaran Negara Republik Indonesia")
    tln: Teks | None = Field(None, description="nomor Tambahan Lembaran Negara Republik Indonesia")
    bn: Lembaran | None = Field(None, description="Berita Negara Republik Indonesia")
    ld: Lembaran | None = Field(None, description="Lembaran/Berita Daerah")
    catatan: Teks | None = Field(None, description="catatan penyusun (tidak dicetak)")
    dicabut_oleh: Teks | None = Field(None, description="kunci registri (atau kutipan) peraturan yang mencabutnya")
    diganti_oleh: Teks | None = Field(None, description="kunci registri (atau kutipan) peraturan penggantinya")
    diubah_dengan: list[str] = Field(default_factory=list,
                                     description="kunci registri perubahan-perubahannya, urut dari yang pertama")

    @property
    def nama_singkat(self) -> str:
        """'Undang-Undang Nomor 11 Tahun 2020', without the title."""
        return f"{self.jenis} Nomor {self.nomor} Tahun {self.tahun}"

    @property
    def kutipan(self) -> str:
        """Short citation: 'Undang-Undang Nomor 23 Tahun 2004 tentang …'."""
        return f"{self.jenis} Nomor {self.nomor} Tahun {self.tahun} tentang {self.tentang}"

    @property
    def kutipan_lengkap(self) -> str:
        """Long citation with its publication references, as in a Keputusan's Mengingat."""
        refs = []
        if self.ln:
            refs.append(f"Lembaran Negara Republik Indonesia Tahun {self.ln.tahun} Nomor {self.ln.nomor}")
        if self.tln:
            refs.append(f"Tambahan Lembaran Negara Republik Indonesia Nomor {self.tln}")
        if self.bn:
            refs.append(f"Berita Negara Republik Indonesia Tahun {self.bn.tahun} Nomor {self.bn.nomor}")
        if self.ld:
            refs.append(f"Lembaran Daerah Tahun {self.ld.tahun} Nomor {self.ld.nomor}")
        return self.kutipan + (f" ({', '.join(refs)})" if refs else "")
