"""`soppress impor`: an SOP written in Word (or copied out as tab-separated text)
brought in as a draft source file.

    result = impor(Path("SOP Pengaduan.docx"), root)       # writes sops/<unit>/<nama>.yaml
    print("\\n".join(result.notes.lines()))

Reading (docx_read, text_read) gives grid tables; draft maps them to the model's
YAML with comments where it guessed; the draft is validated against the model and
written atomically, never over an existing file unless asked."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from soppress.importer.problems import ImporError, Notes

__all__ = ["impor", "ImporError", "Result"]
TEXT_SUFFIXES = (".txt", ".tsv", ".tab")


@dataclass
class Result:
    target: Path          # where the draft was (or would be) written
    text: str             # the YAML
    notes: Notes
    written: bool


def read(path: Path):
    if not path.is_file():
        raise ImporError(f"{path}: berkas tidak ada; periksa nama dan foldernya (berkas Word .docx atau teks bertab .txt)")
    if path.suffix.lower() in TEXT_SUFFIXES:
        from soppress.importer.text_read import read_text
        return read_text(path)
    if path.suffix.lower() not in (".docx", ".docm", ".doc"):
        raise ImporError(f"{path}: jenis berkas tidak dikenal; impor menerima .docx (Word) atau teks "
                         "bertab (.txt, .tsv)")
    from soppress.importer.docx_read import read_docx
    return read_docx(path)


def impor(path: Path, root: Path, unit: str | None = None, out: Path | None = None, replace: bool = False,
          dry_run: bool = False) -> Result:
    from soppress.checks.diagnostics import Report
    from soppress.importer import yaml_out
    from soppress.importer.draft import draft
    from soppress.sources.project import load_project

    doc = read(path)
    project = load_project(root, Report())
    data, marks = draft(doc, project, unit, path)
    text = yaml_out.dump(data, path.name)
    target = out if out is not None else root / "sops" / data["unit"] / f"{yaml_out.slug(str(data['nama']))}.yaml"
    _validate(text, path, target)
    if dry_run:
        return Result(target, text, marks.notes, False)
    yaml_out.write(target, text, replace)
    return Result(target, text, marks.notes, True)


def _validate(text: str, path: Path, target: Path) -> None:
    """The draft must be a valid SOP source, read as `soppress check` reads it; if it
    is not, that is the importer's fault, said plainly, and nothing is written."""
    from soppress.checks.diagnostics import Report
    from soppress.checks.schema_errors import validate
    from soppress.model.sop import Sop
    from soppress.sources.yamlsrc import loads

    report = Report()
    if validate(Sop, loads(text, target), report) is None:
        first = report.errors[0] if report.errors else "?"
        raise ImporError(f"{path}: hasil impor tidak lolos skema SOP ({first}); tidak ada berkas yang ditulis. "
                         "Laporkan ke pengembang, dengan berkas Word-nya bila boleh dibagikan")
