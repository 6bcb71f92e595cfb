"""The order a letter is made in.

A letter is laid out once with a draft number first, so a broken template or missing
data never takes a number from the register; only then is the number taken (under the
register's lock) and the letter laid out with it. A batch takes all its numbers in one
lock, after every letter of the batch has laid out.
"""
from __future__ import annotations

from typing import Any, Sequence

from soppress.letters.context import KonteksSurat
from soppress.letters.nomor import Register
from soppress.letters.setup import LetterSetup, with_nomor
from soppress.letters.view import letter_document
from soppress.views.blocks import Document


def bernomor(setup: LetterSetup, jenis: str, unit: str, data: Sequence[dict[str, Any]], register: Register,
             **options) -> list[KonteksSurat]:
    """The context of one letter per item of ``data``, numbered in order, once every
    letter has been made as a draft view. ``options`` go to ``letter_document``
    (samarkan, rahasia)."""
    drafts = [setup.konteks(jenis, unit, item) for item in data]
    for ctx in drafts:
        letter_document(setup, ctx, unit, **options)
    entries = register.ambil_banyak([setup.permintaan(unit, ctx) for ctx in drafts])
    return [with_nomor(ctx, e.nomor) for ctx, e in zip(drafts, entries)]


def buat_surat_banyak(setup: LetterSetup, jenis: str, unit: str, data: Sequence[dict[str, Any]],
                      register: Register, **options) -> list[Document]:
    """One letter per item of ``data``, numbered in order."""
    return [letter_document(setup, ctx, unit, **options)
            for ctx in bernomor(setup, jenis, unit, data, register, **options)]


def buat_surat(setup: LetterSetup, jenis: str, unit: str, data: dict[str, Any], register: Register,
               **options) -> Document:
    return buat_surat_banyak(setup, jenis, unit, [data], register, **options)[0]
