"""Forms against SOPs: every "Formulir …" an SOP names in its peralatan or in a
step's kelengkapan should have a definition in forms/ (by name or alias).

A missing one is a collection finding (a warning, an error with --strict), with the
closest defined name; the forms themselves are loaded and checked here too, so a
broken forms/*.yaml is reported by ``soppress check`` like a broken SOP."""
from __future__ import annotations

import re
from typing import Iterable

from soppress.checks.collection import Emitter, _item_path
from soppress.checks.diagnostics import Report, closest
from soppress.forms.load import FOLDER, load_forms
from soppress.model.sop import Langkah
from soppress.sources.project import Project, SopFile

_SPLIT = re.compile(r"[,;()]|\bdll\b", re.IGNORECASE)
_FORMULIR = re.compile(r"\bformulir\b", re.IGNORECASE)


def form_names(text: str, known: Iterable[str] = ()) -> list[str]:
    """The form names in a kelengkapan or peralatan text ("Identitas, Formulir Registrasi,
    dll"): a known name where the text has one, else the words from "Formulir" up to
    "dan" ("formulir registrasi dan dokumen"). A bare "formulir" names no form."""
    if not _FORMULIR.search(text or ""):  # most texts name no form: nothing to split or sort
        return []
    known = sorted((k.lower() for k in known), key=len, reverse=True)
    names = []
    for part in _SPLIT.split(text or ""):
        part = " ".join(part.split())
        match = _FORMULIR.search(part)
        if not match:
            continue
        rest = part[match.start():]
        hit = next((k for k in known if part.lower() == k or rest.lower().startswith(k)), None)
        name = hit or re.split(r"\s+dan\s+", rest, flags=re.IGNORECASE)[0]
        if name.lower() != "formulir":
            names.append(part if hit == part.lower() else rest[:len(name)])
    return names


def _known(project: Project, report: Report) -> dict[str, str]:
    """Lower-cased name or alias -> the form's name."""
    known = {}
    for f in load_forms(project.root, report):
        if f.form is not None:
            for name in [f.form.nama, *f.form.alias]:
                known[" ".join(name.lower().split())] = f.form.nama
    return known


def _mentions(f: SopFile) -> Iterable[tuple[tuple, str]]:
    for i, butir in enumerate(f.sop.peralatan.butir):
        yield _item_path(f, "peralatan", i), butir.teks
    for k, step in enumerate(f.sop.kegiatan):
        if isinstance(step, Langkah):
            yield ("kegiatan", k, "kelengkapan"), step.kelengkapan or ""
            for s, sub in enumerate(step.sub):
                yield ("kegiatan", k, "sub", s, "kelengkapan"), sub.kelengkapan or ""


def check_forms(project: Project, report: Report, strict: bool = False, ignore: Iterable[str] = ()) -> None:
    """Only for a project with a forms/ folder: one without has not taken up forms yet."""
    if not (project.root / FOLDER).is_dir():
        return
    known = _known(project, report)
    emit = Emitter(report, strict, [*project.config.abaikan, *ignore])
    names = sorted(set(known.values()))
    for f in project.sops:
        if f.sop is None:
            continue
        for path, text in _mentions(f):
            for name in form_names(text, known):
                if name.lower() in known:
                    continue
                hint = closest(name, known)
                suggestion = f'; yang paling mirip: "{known[hint]}"' if hint else \
                    f"; formulir yang ada: {', '.join(names) or 'belum ada'}"
                emit(f.source.pos(path), f'"{name}" disebut tetapi tidak ada definisinya di forms/'
                     f"{suggestion} (tambahkan forms/<nama>.yaml, atau nama ini sebagai alias)",
                     "formulir.tidak-ada")
