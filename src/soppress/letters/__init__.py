"""Case letters: templates kept in the project, filled from a letter context, laid out
as renderer-neutral blocks; nomor surat from a locked register."""
