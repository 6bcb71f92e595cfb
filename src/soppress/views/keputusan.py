"""The Keputusan Kepala Dinas as a view: kop, title, Menimbang and Mengingat,
MEMUTUSKAN, Menetapkan and the diktum, the signature (tata naskah dinas).

Its list of SOPs is generated from ``lampiran`` (numbered from 1), diktum ordinals
come from a table, and Mengingat items are printed from the regulation registry
wherever the collection checks resolved them to an entry (long form, with the
Lembaran Negara)."""
from __future__ import annotations

from dataclasses import dataclass

from soppress.model import Butir, Keputusan, Kop, Pejabat
from soppress.sources.project import KeputusanFile, Project
from soppress.views import blocks as b
from soppress.views.common import citation_text, kop_block, naskah_page, page_numbers, signature_block
from soppress.views.text import diktum_ordinal, item_marker, roman


@dataclass(frozen=True)
class LampiranInfo:
    roman: str
    sop_key: str
    judul: str       # the title in the diktum's list
    nama: str        # the SOP's own name

    @property
    def anchor(self) -> str:
        return f"lampiran-{self.roman.lower()}"


@dataclass(frozen=True)
class Enactment:
    header: tuple[str, ...]            # the lampiran header lines
    closing: b.Signature               # the signature ending the lampiran
    tanggal: str | None                # the Keputusan's date: the SOP's tanggal efektif unless it says otherwise


@dataclass(frozen=True)
class KeputusanView:
    """What every output of one Keputusan reads (its own PDF/DOCX, the book, the
    lampiran headers of its SOPs)."""
    file: KeputusanFile
    doc: Keputusan
    kop: Kop
    penandatangan: Pejabat
    page: b.PageSpec
    numbers: b.PageNumbers
    font: str
    lampiran: tuple[LampiranInfo, ...]
    blocks: tuple[b.Block, ...]

    @property
    def tanggal(self) -> str:
        return str(self.doc.tanggal) if self.doc.tanggal else "-"

    def lampiran_header(self, info: LampiranInfo) -> tuple[str, ...]:
        """LAMPIRAN I / KEPUTUSAN … / NOMOR … / TANGGAL … / TENTANG …, one line each."""
        return (f"LAMPIRAN {info.roman}", f"KEPUTUSAN {self.doc.jabatan}", f"NOMOR {self.doc.nomor}",
                f"TANGGAL {self.tanggal}", f"TENTANG {self.doc.tentang}")

    def enactment(self, info: LampiranInfo) -> Enactment:
        """How this Keputusan marks an SOP it enacts: the lampiran header, the
        signature that closes the lampiran, the date it takes effect."""
        return Enactment(self.lampiran_header(info), signature_block(self.penandatangan, upper=True, comma=True),
                         self.tanggal if self.doc.tanggal else None)


def keputusan_view(project: Project, file: KeputusanFile) -> KeputusanView:
    doc = file.keputusan
    kop = project.kop[doc.unit]
    lampiran = tuple(lampiran_list(project, doc))
    signer = project.signatory(doc)
    view = KeputusanView(file, doc, kop, signer, naskah_page(project, kop), page_numbers(project, kop),
                         kop.huruf or project.config.huruf, lampiran, ())
    return KeputusanView(**{**view.__dict__, "blocks": _blocks(project, view)})


def lampiran_list(project: Project, doc: Keputusan) -> list[LampiranInfo]:
    """The lampiran in order, with their Roman numerals: the one place they are numbered."""
    items = []
    for i, item in enumerate(doc.lampiran):
        sop = project.sop(item.sop).sop
        items.append(LampiranInfo(roman(i + 1), item.sop, item.judul or sop.nama, sop.nama))
    return items


def document(view: KeputusanView) -> b.Document:
    return b.Document(f"Keputusan {view.doc.nomor}", [b.Section(view.page, view.blocks)], author=view.kop.dinas,
                      subject=f"KEPUTUSAN {view.doc.jabatan} TENTANG {view.doc.tentang}", font=view.font,
                      keywords=("Keputusan", "SOP", view.doc.nomor), page_numbers=view.numbers)


def lampiran_span(lampiran: tuple[LampiranInfo, ...]) -> str:
    """"Lampiran I sampai dengan Lampiran VI" (or "Lampiran I")."""
    if len(lampiran) == 1:
        return f"Lampiran {lampiran[0].roman}"
    return f"Lampiran {lampiran[0].roman} sampai dengan Lampiran {lampiran[-1].roman}"


def _blocks(project: Project, view: KeputusanView) -> tuple[b.Block, ...]:
    doc = view.doc
    out: list[b.Block] = [
        kop_block(view.kop, with_unit=False),
        b.Heading((f"KEPUTUSAN {doc.jabatan}", f"NOMOR {doc.nomor}"), space_after=3),
        b.Heading(("TENTANG", doc.tentang), space_after=3),
    ]
    if doc.rahmat:
        out.append(b.Heading(("DENGAN RAHMAT TUHAN YANG MAHA ESA",), space_after=3))
    out.append(b.Heading((f"{doc.jabatan},",), space_after=4))
    out.append(b.Fields((b.FieldRow("Menimbang", _numbered(project, doc, doc.menimbang, "a.")),
                         b.FieldRow("Mengingat", _numbered(project, doc, doc.mengingat, "1.")))))
    out.append(b.Paragraph("MEMUTUSKAN:", align="center", bold=True, space_before=2, space_after=3,
                           keep_with_next=True))
    menetapkan = doc.menetapkan if doc.menetapkan is not None else f"KEPUTUSAN {doc.jabatan} TENTANG {doc.tentang}."
    rows = [b.FieldRow("Menetapkan", menetapkan)]
    for i, diktum in enumerate(doc.diktum):
        value: str | tuple = diktum.teks
        if diktum.daftar_sop:
            text = diktum.teks or doc.templat_daftar_sop.replace("{lampiran}", lampiran_span(view.lampiran))
            value = (b.Paragraph(text, space_after=1),
                     b.NumberedList(tuple(b.ListItem(f"{n + 1}.", info.judul) for n, info in enumerate(view.lampiran))))
        rows.append(b.FieldRow(diktum_ordinal(i + 1), value))
    out.append(b.Fields(tuple(rows), keep_last_with_next=True))
    out.append(signature_block(view.penandatangan, before=(f"Ditetapkan di\t: {doc.ditetapkan_di}",
                                                          f"pada tanggal\t: {view.tanggal}"), upper=True, comma=True))
    return tuple(out)


def _numbered(project: Project, doc: Keputusan, items: list[Butir], style: str) -> b.NumberedList:
    """Menimbang and Mengingat: each item ends with ";", the last Mengingat with "."."""
    out = []
    for i, item in enumerate(items):
        text = (citation_text(project, item, long=True) if items is doc.mengingat else item.teks).rstrip(" .;,")
        last = items is doc.mengingat and i == len(items) - 1
        out.append(b.ListItem(item_marker(style, i, item.nomor), text + ("." if last else ";")))
    return b.NumberedList(tuple(out))
