"""What `soppress build` shows while it works: a progress bar on a terminal, one plain
line per document otherwise (logs, CI), nothing with -q; then a summary. Documents are
named by their SOP key or Keputusan (never by anything from case data)."""
from __future__ import annotations

import sys

import click


class BuildProgress:
    def __init__(self, quiet: bool = False, stream=None):
        self.stream = stream or sys.stdout
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.bar = None

    def __call__(self, finished: int, total: int, document: str, status: str) -> None:
        if self.quiet:
            return
        if not self.tty:
            click.echo(f"[{finished}/{total}] {status}: {document}", file=self.stream)
            return
        if self.bar is None:  # click draws the bar (width, ETA) on a terminal
            self.bar = click.progressbar(length=total, label="Membuat dokumen", file=self.stream, show_pos=True,
                                         item_show_func=lambda name: name, width=24)
            self.bar.__enter__()
        self.bar.update(1, document)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def summary(result) -> str:
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    if not result.built and not result.failed:
        return f"Tidak ada yang berubah: {len(result.skipped)} dokumen sudah mutakhir ({seconds} detik)."
    if result.failed:  # all or nothing: what was made is not put in place
        return (f"{len(result.failed)} dokumen gagal ({seconds} detik): tidak ada berkas hasil yang diganti, hasil "
                "build sebelumnya tetap utuh. Perbaiki penyebabnya, lalu ulangi.")
    return (f"Selesai dalam {seconds} detik: {len(result.built)} dokumen dibuat, "
            f"{len(result.skipped)} dilewati (tidak berubah), 0 gagal.")
