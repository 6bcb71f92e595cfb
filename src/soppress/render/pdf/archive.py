"""PDF for the archive: PDF/A-3b, tagged, carrying the YAML source of the document
as an attached file (AFRelationship "Source"), so an archived SOP can be rebuilt
from the PDF alone; and reading those sources back out of such a PDF."""
from __future__ import annotations

import io
from pathlib import Path

from soppress.errors import UserError

VARIANT = "pdf/a-3b"


def archive_pdf(document, sources: list[tuple[str, bytes]]) -> bytes:
    """``document``: a laid-out weasyprint document; ``sources``: (file name, bytes)."""
    import weasyprint
    attachments = [weasyprint.Attachment(string=data, name=name, description="Sumber dokumen (soppress)",
                                         relationship="Source") for name, data in sources]
    return document.write_pdf(pdf_variant=VARIANT, attachments=attachments, pdf_tags=True)


def attached_sources(pdf: Path) -> dict[str, bytes]:
    """The files attached to ``pdf`` (the sources of an archive PDF), by name."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        found = {name: data[0] for name, data in reader.attachments.items() if data}
    except FileNotFoundError:
        raise UserError(f"{pdf}: berkas tidak ada; periksa nama dan foldernya (PDF arsip dibuat oleh soppress build --format arsip)") from None
    except (PdfReadError, ValueError, KeyError, OSError):
        raise UserError(f"{pdf}: bukan berkas PDF yang dapat dibaca") from None
    if not found:
        raise UserError(f"{pdf}: PDF ini tidak memuat sumber; hanya PDF arsip (soppress build --format arsip) "
                        "yang membawa sumbernya")
    return found
