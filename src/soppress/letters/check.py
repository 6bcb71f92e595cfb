"""``soppress surat periksa``: every letter template of the project, tried on a
synthetic context for every unit, with located messages for what fails."""
from __future__ import annotations

from soppress.checks.diagnostics import Report
from soppress.letters.contoh import data_contoh
from soppress.letters.setup import LetterError, LetterSetup
from soppress.letters.templates import LetterTemplateError
from soppress.letters.view import letter_document


def periksa_surat(project) -> Report:
    """Load the letter settings and lay out every kind for every unit (also redacted)."""
    report = Report()
    try:
        setup = LetterSetup.of_project(project)
    except LetterError as exc:
        return exc.report
    seen = set()
    for unit in setup.settings.unit:
        for jenis in setup.settings.jenis:
            for samarkan in (False, True):
                try:
                    letter_document(setup, setup.konteks(jenis, unit, data_contoh()), unit, samarkan=samarkan)
                except LetterTemplateError as exc:
                    if str(exc) not in seen:
                        seen.add(str(exc))
                        report.extend([exc.diagnostic])
                except LetterError as exc:
                    for d in exc.report.diagnostics:
                        if str(d) not in seen:
                            seen.add(str(d))
                            report.extend([d])
    return report
