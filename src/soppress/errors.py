"""The one base class of errors the user can act on.

A ``UserError`` carries an Indonesian message (naming the file and line where there
is one); the CLI prints it and exits 1, in one place. Anything else escaping is a
bug in soppress: the CLI exits 2 with a short report that holds no data values
(``SOPPRESS_DEBUG=1`` shows the traceback)."""
from __future__ import annotations

import traceback
from pathlib import Path


class UserError(Exception):
    """A problem with the user's project, input or machine, explained in Indonesian."""


class TemplateError(UserError):
    """A project's own template (templates/, letters/) cannot be used."""


def template_error(exc: Exception, root: Path | None = None) -> TemplateError:
    """A Jinja error in a template, as a located Indonesian message: the template
    file and line (a syntax error carries them; for an error while rendering, the
    innermost template frame of the traceback)."""
    name, line = getattr(exc, "filename", None) or getattr(exc, "name", None), getattr(exc, "lineno", None)
    if line is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename and not frame.filename.endswith(".py"):
                name, line = frame.filename, frame.lineno
                break
    if name and root is not None:
        try:
            name = str(Path(name).resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    where = f"{name}:{line}" if name and line else (name or "templat")
    kind = type(exc).__name__
    what = {"TemplateSyntaxError": "sintaks templat salah", "UndefinedError": "nama yang tidak dikenal di templat",
            "TemplateNotFound": "templat tidak ditemukan"}.get(kind, "templat tidak dapat dipakai")
    detail = f" ({exc.message})" if kind in ("TemplateSyntaxError", "UndefinedError") and getattr(exc, "message", None) \
        else ""
    return TemplateError(f"{where}: galat: {what}{detail}; perbaiki templat itu, atau hapus agar templat bawaan "
                         "soppress dipakai [templat]")
