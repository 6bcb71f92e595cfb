"""Letter templates: where they are found, how they run, how their errors read.

A template is ``letters/<jenis>.md.j2``: Jinja text in the letter markup of
``soppress.letters.markup``. The project's ``letters/`` folder is searched first, the
package's defaults second, so a dinas overrides one letter by copying it; an override
extends the original with ``{% extends "!bawaan/<jenis>.md.j2" %}`` (Pelican's
``!theme`` prefix).

Templates run in Jinja's SandboxedEnvironment (no access to Python internals) with
StrictUndefined (a misspelt name is an error, not an empty string) and autoescape: every
value printed from the context passes ``finalize``, which encodes it so the markup
parser sees it as plain text — a case value can neither run as template code nor open
a heading, a list or a signature.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import (ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined,
                    TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from soppress.checks.diagnostics import Diagnostic, Position, did_you_mean
from soppress.errors import TemplateError as ProjectTemplateError
from soppress.views import indonesia as idn

LETTERS_DIR = "letters"
SUFFIX = ".md.j2"
DEFAULT_PREFIX = "!bawaan"
BLANK = "……………"        # printed for a value the context leaves empty, to fill in by hand


def encode(value: Any) -> Markup:
    """A context value as inert text: everything but letters, digits and inner spaces
    as a character reference, decoded again after the markup is parsed."""
    if isinstance(value, Markup):
        return value
    text = BLANK if value is None else str(value)
    out = []
    for i, ch in enumerate(text):
        keep = ch.isalnum() or (ch == " " and 0 < i < len(text) - 1 and text[i - 1] != " ")
        out.append(ch if keep else f"&#{ord(ch)};")
    return Markup("".join(out))


FILTERS = {
    "tanggal": idn.tanggal, "hari": idn.hari, "hari_tanggal": idn.hari_tanggal, "terbilang": idn.terbilang,
    "angka_terbilang": idn.angka_terbilang, "bulan_romawi": idn.bulan_romawi, "nip": idn.nip_cetak,
    "tanggal_terbilang": idn.tanggal_terbilang, "pembuka": idn.pembuka_berita_acara,
}


def _unchanged(value: Any) -> Any:
    return value


class LetterTemplateError(ProjectTemplateError):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def environment(root: Path | None) -> SandboxedEnvironment:
    """The template environment of a project (``root``) or of the package alone."""
    package = FileSystemLoader(str(DEFAULTS_DIR))
    loaders = [FileSystemLoader(str(root / LETTERS_DIR))] if root and (root / LETTERS_DIR).is_dir() else []
    env = SandboxedEnvironment(
        loader=ChoiceLoader([*loaders, PrefixLoader({DEFAULT_PREFIX: package}, delimiter="/"), package]),
        undefined=StrictUndefined, autoescape=True, finalize=encode, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    # Filters that would mark a value as already-safe text skip the encoding: here they
    # leave the value as it is (finalize still encodes it); urlize and xmlattr build HTML.
    env.filters.update({name: _unchanged for name in ("safe", "e", "escape", "forceescape")})
    for name in ("urlize", "xmlattr"):
        env.filters.pop(name, None)
    env.globals.update(terbilang=idn.terbilang, angka_terbilang=idn.angka_terbilang, pembuka=idn.pembuka_berita_acara)
    return env


DEFAULTS_DIR = Path(__file__).parent / "defaults"


def kinds() -> list[str]:
    """The letter kinds the package ships a template for."""
    return sorted(p.name[: -len(SUFFIX)] for p in DEFAULTS_DIR.glob("*" + SUFFIX) if not p.name.startswith("_"))


def copy_default(root: Path, jenis: str) -> Path:
    """Copy the package's template of ``jenis`` into the project's ``letters/`` to edit."""
    source = DEFAULTS_DIR / (jenis + SUFFIX)
    if not source.is_file():
        raise FileNotFoundError(f'tidak ada templat bawaan "{jenis}"{did_you_mean(jenis, kinds())}; '
                                f'yang ada: {", ".join(kinds())}')
    target = root / LETTERS_DIR / source.name
    if target.exists():
        raise FileExistsError(f"{target.relative_to(root)} sudah ada; hapus atau ubah berkas itu")
    target.parent.mkdir(exist_ok=True)
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def template_file(env: SandboxedEnvironment, name: str) -> Path:
    """Where template ``name`` comes from (the project's file or the package's)."""
    _, filename, _ = env.loader.get_source(env, name)
    return Path(filename)


def locate(env: SandboxedEnvironment, jenis: str, token: str) -> tuple[Path, int]:
    """The template file of ``jenis`` (or the one it extends or imports) and the first
    line holding ``token``: where a markup problem was written."""
    name = jenis + SUFFIX
    first = template_file(env, name)
    seen = set()
    while name and name not in seen:
        seen.add(name)
        source, filename, _ = env.loader.get_source(env, name)
        for number, line in enumerate(source.splitlines(), 1):
            if token and token in line:
                return Path(filename), number
        parent = re.search(r'{%-?\s*extends\s+["\']([^"\']+)["\']', source)
        name = parent[1] if parent else None
    return first, 1


def render(env: SandboxedEnvironment, jenis: str, context: dict[str, Any], root: Path | None = None) -> str:
    """Render ``letters/<jenis>.md.j2``; any template problem becomes a located
    Indonesian message naming the template file and line (never a context value)."""
    name = jenis + SUFFIX
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as exc:
        known = [n[: -len(SUFFIX)] for n in env.list_templates() if n.endswith(SUFFIX) and not n.startswith("_")
                 and not n.startswith(DEFAULT_PREFIX)]
        missing = exc.name if exc.name != name else name
        raise LetterTemplateError(Diagnostic(
            Position(Path(LETTERS_DIR) / missing, 1, 1), "galat",
            f'templat surat "{missing}" tidak ditemukan di folder {LETTERS_DIR}/ proyek maupun bawaan paket'
            + did_you_mean(jenis, known), "surat.templat-tidak-ada")) from None
    except TemplateSyntaxError as exc:
        raise LetterTemplateError(Diagnostic(
            Position(shown_path(exc.filename, root), exc.lineno or 1, 1), "galat",
            f"templat surat tidak dapat dibaca: {_syntax_message(exc)}", "surat.templat-sintaks")) from None
    except (UndefinedError, TemplateError, TypeError, ValueError) as exc:
        filename, line = _template_frame(exc)
        what = _undefined_name(exc) if isinstance(exc, UndefinedError) else type(exc).__name__
        raise LetterTemplateError(Diagnostic(
            Position(shown_path(filename, root), line, 1), "galat",
            f"templat surat gagal diisi: {what}; periksa nama isian di templat (lihat daftar isian di README)",
            "surat.templat-isian")) from None


def shown_path(filename: str | None, root: Path | None) -> Path:
    if not filename:
        return Path(LETTERS_DIR)
    path = Path(filename)
    if root and path.is_relative_to(root):
        return path.relative_to(root)
    if path.is_relative_to(DEFAULTS_DIR):
        return Path("(bawaan)") / path.relative_to(DEFAULTS_DIR)
    return path


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost traceback frame that runs template code (Jinja rewrites those
    frames to carry the template's file name and line)."""
    found: tuple[str | None, int] = (None, 1)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(SUFFIX):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _undefined_name(exc: UndefinedError) -> str:
    # Jinja's messages name the missing attribute or variable, never its owner's value
    # ("'x' is undefined", "'dict object' has no attribute 'y'"); keep only the name.
    message = str(exc)
    quoted = message.split("'")
    name = quoted[-2] if message.endswith("'") and len(quoted) >= 3 else (quoted[1] if len(quoted) >= 3 else "?")
    return f'isian "{name}" tidak dikenal atau kosong'


def _syntax_message(exc: TemplateSyntaxError) -> str:
    message = exc.message or ""
    unclosed = re.search(r"needs to be closed is '(\w+)'", message)
    if unclosed:
        return f"blok {{% {unclosed[1]} %}} belum ditutup ({{% end{unclosed[1]} %}} kurang)"
    if "Unexpected end of template" in message:
        return "blok {% … %} tidak ditutup (mis. {% endif %} atau {% endfor %} kurang)"
    if "unknown tag" in message.lower() or "Encountered unknown tag" in message:
        return f"perintah tidak dikenal ({message.split(chr(39))[1] if chr(39) in message else message})"
    return "tulisan {{ … }} atau {% … %} tidak lengkap atau salah ketik"
