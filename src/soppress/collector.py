"""Python's cyclic garbage collector while documents are laid out.

weasyprint makes millions of short-lived objects per document; at Python's default
threshold (700 young objects between two runs of the collector) it ran about ten times
per letter and took 8-10 % of the CPU time of a letter batch; raised to ``YOUNG`` it
takes 1-2 %, for about 25 MB more memory per process (benchmarks/README.md). Tried on
the build's work units too: no difference beyond the noise in a cold build's CPU time,
35 MB more per process, so they keep Python's default."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

YOUNG = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector runs every ``YOUNG`` young objects inside; the thresholds come back after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
