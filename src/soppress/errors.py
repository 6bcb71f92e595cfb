"""The one base class of errors the user can act on.

A ``UserError`` carries an Indonesian message (naming the file and line where there
is one); the CLI prints it and exits 1, in one place. Anything else escaping is a
bug in soppress: the CLI exits 2 with a short report that holds no data values
(``SOPPRESS_DEBUG=1`` shows the traceback)."""
from __future__ import annotations


class UserError(Exception):
    """A problem with the user's project, input or machine, explained in Indonesian."""
