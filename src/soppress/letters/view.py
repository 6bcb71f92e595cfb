"""A case letter as a Document: the unit's kop, then the template's blocks.

    setup = LetterSetup.of_project(project)           # settings, templates, kop, pejabat
    ctx = setup.konteks("rujukan", "hst", data, nomor)
    doc = letter_document(setup, ctx, "hst")          # redacted with samarkan=True

The view never draws: the renderers in ``soppress.render`` draw the Document.
"""
from __future__ import annotations

from markupsafe import Markup

from soppress.layout.page import PAPER
from soppress.letters import markup, templates
from soppress.letters.context import KonteksSurat, Orang, Petugas
from soppress.letters.redact import samarkan as redact
from soppress.letters.setup import LetterSetup, letter_error
from soppress.views import blocks as b
from soppress.views.common import kop_block

MARKING = "RAHASIA"


def letter_document(setup: LetterSetup, ctx: KonteksSurat, unit: str, *, samarkan: bool = False,
                    rahasia: bool | None = None) -> b.Document:
    """The letter ``ctx.surat.jenis`` of ``unit`` as blocks. ``samarkan``: the redacted
    rendering; ``rahasia``: force the RAHASIA marking on or off (default: the kind's)."""
    if samarkan:
        ctx = redact(ctx)
    kind = setup.settings.jenis[ctx.surat.jenis]
    kop = setup.kop[unit]
    signatures: list[b.Signature] = []

    def plain(value) -> b.Plain:   # a macro's output arrives encoded
        return markup.text(str(value)) if isinstance(value, Markup) else b.Plain(value)

    def ttd(orang: Orang | Petugas, judul: str | None = None, sebelum: list[str] | tuple = ()) -> Markup:
        is_officer = isinstance(orang, Petugas)
        signatures.append(b.Signature(
            jabatan=plain(judul or (orang.jabatan if is_officer else "")), nama=b.Plain(orang.nama),
            nip=b.Plain(orang.nip_cetak) if is_officer and orang.nip else None,
            pangkat=b.Plain(orang.pangkat_golongan) if is_officer and orang.pangkat_golongan else None,
            before=tuple(plain(x) for x in sebelum)))
        return Markup(f"@ttd {len(signatures) - 1}")

    values = {**ctx.as_template_context(), "ttd": ttd, "judul": kind.judul, "unit": kop}
    text = templates.render(setup.env, ctx.surat.jenis, values, setup.root)
    try:
        body = markup.parse(text, signatures)
    except markup.MarkupError as exc:
        path, line = templates.locate(setup.env, ctx.surat.jenis, exc.token)
        raise letter_error(f"templat surat {ctx.surat.jenis}: {exc}", "surat.markup",
                           templates.shown_path(str(path), setup.root), line) from None
    head = kop_block(kop)
    width, height = PAPER[kop.kertas or setup.paper]
    m = setup.settings.margin_mm or kop.margin_naskah_mm or setup.margin  # as views.common.naskah_page
    page = b.PageSpec(width, height, m.atas, m.kanan, m.bawah, m.kiri)
    marked = kind.rahasia if rahasia is None else rahasia
    return b.Document(title=f"{kind.judul} {ctx.surat.nomor}", sections=[b.Section(page, (head, *body))],
                      author=kop.dinas, subject=kind.judul, font=kop.huruf or setup.font, size=12.0,
                      marking=MARKING if marked else None, private=True)

