"""The Keputusan Kepala Dinas, portrait, on the unit's letterhead.

Its list of SOPs is generated from ``lampiran`` (numbered from 1, one line per
lampiran), diktum ordinals come from a table, and the Mengingat is printed from
the regulation registry wherever the written citation surely names an entry."""
from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from soppress.model import Butir, Keputusan, Kop, Pejabat
from soppress.sources.project import KeputusanFile, Project
from soppress.render.html.sop import fonts_css
from soppress.views.common import citation_text, kop_address
from soppress.layout.page import Page, portrait
from soppress.views.text import diktum_ordinal, roman


@dataclass
class LampiranInfo:
    roman: str
    sop_key: str
    judul: str       # the title in the diktum's list
    nama: str        # the SOP's own name


@dataclass
class KeputusanContext:
    project: Project
    file: KeputusanFile
    doc: Keputusan
    kop: Kop
    penandatangan: Pejabat
    page: Page
    font: str

    @property
    def logo(self) -> str | None:
        return (self.project.root / "letterheads" / self.kop.logo).as_uri() if self.kop.logo else None

    @property
    def address(self) -> str:
        return kop_address(self.kop)

    @property
    def ordinals(self) -> list[str]:
        return [diktum_ordinal(i + 1) for i in range(len(self.doc.diktum))]

    @property
    def lampiran(self) -> list[LampiranInfo]:
        items = []
        for i, item in enumerate(self.doc.lampiran):
            sop = self.project.sop(item.sop).sop
            items.append(LampiranInfo(roman(i + 1), item.sop, item.judul or sop.nama, sop.nama))
        return items

    @property
    def menetapkan(self) -> str:
        if self.doc.menetapkan is not None:  # "" keeps the line empty, as some units write it
            return self.doc.menetapkan
        return f"KEPUTUSAN {self.doc.jabatan} TENTANG {self.doc.tentang}."

    @property
    def tanggal(self) -> str:
        return str(self.doc.tanggal) if self.doc.tanggal else "-"

    def cite(self, butir: Butir) -> str:
        """Menimbang and Mengingat items: Mengingat in the registry's long form (with
        Lembaran Negara); each item ends with ";", the last Mengingat with "."."""
        text = citation_text(self.project, butir, long=True).rstrip(" .;,")
        last = self.doc.mengingat and butir is self.doc.mengingat[-1]
        return text + ("." if last else ";")



def keputusan_context(project: Project, file: KeputusanFile) -> KeputusanContext:
    doc = file.keputusan
    kop = project.kop[doc.unit]
    page = portrait(kop.kertas or project.config.kertas, project.config.margin_mm)
    return KeputusanContext(project, file, doc, kop, project.signatory(doc), page, kop.huruf or project.config.huruf)


def render_keputusan_html(ctx: KeputusanContext, env: jinja2.Environment) -> str:
    return env.get_template("keputusan_doc.html.j2").render(
        k=ctx, page=ctx.page, font=Markup(f'"{ctx.font}", Arial, sans-serif'), fonts_css=Markup(fonts_css(ctx.font)))
