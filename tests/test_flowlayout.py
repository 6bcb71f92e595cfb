"""The flowchart layout, tested without any renderer."""
from pathlib import Path

import pytest

from soppress.layout import flowchart as fl
from soppress.layout import pagination
from soppress.api import check
from soppress.layout.flowchart import Anchor, Arrowhead, HLine, Join, Label, Symbol, VLine

FIXTURES = Path(__file__).parent / "fixtures"
LANE = 27.0


def _sop(root: Path, key: str):
    project, report = check(root)
    assert not report.errors, report.render_text()
    return next(f.sop for f in project.sops if f.key == key)


@pytest.fixture(scope="module")
def panjang():
    sop = _sop(FIXTURES / "alir", "panjang")
    return sop, fl.build(sop, [LANE] * len(sop.pelaksana))


@pytest.fixture(scope="module")
def tidak_langsung(sample_root):
    sop = _sop(sample_root, "kalteng/02-pengaduan-tidak-langsung")
    return sop, fl.build(sop, [LANE] * len(sop.pelaksana))


def prims(layout, row, kind):
    return [p for p in layout.rows[row].prims if isinstance(p, kind)]


def row_of(layout, step_no):
    return next(i for i, r in enumerate(layout.rows) if r.node and r.node.step.no == step_no)


def test_rows_nodes_and_symbol_cells(panjang):
    sop, layout = panjang
    assert [r.kind for r in layout.rows][:2] == ["bagian", "langkah"]
    assert layout.rows[0].no == "A." and layout.rows[0].text == "Penerimaan"
    kinds = [(n.step.no, n.kind, n.lanes) for n in layout.nodes]
    assert kinds[0] == (1, "mulai", [0])
    assert kinds[2] == (3, "proses", [1, 2])          # Manajer Kasus + Petugas, in column order
    assert kinds[9] == (10, "keputusan", [4])
    assert kinds[10] == (11, "selesai", [0, 1])
    for node in layout.nodes:  # each symbol centred in its pelaksana's lane
        for sym, lane in zip(node.symbols, node.lanes):
            assert sym.x == pytest.approx(LANE * lane + LANE / 2)
            assert sym.w <= LANE - 2 * fl.LANE_PAD


def test_straight_arrow_same_lane(panjang):
    _, layout = panjang
    r8, r9 = row_of(layout, 8), row_of(layout, 9)  # Manajer Kasus -> Psikolog: elbow
    r7 = row_of(layout, 7)
    # 7 (Manajer Kasus + Psikolog) -> 8 (Manajer Kasus): straight down in lane 2
    x = LANE * 2.5
    assert VLine(x, Anchor.CENTER, Anchor.BOTTOM, dy_start=fl.SYMBOL_H["proses"] / 2) in prims(layout, r7, VLine)
    assert VLine(x, Anchor.TOP, Anchor.CENTER, dy_end=-fl.SYMBOL_H["proses"] / 2) in prims(layout, r8, VLine)
    assert Arrowhead(x, -fl.SYMBOL_H["proses"] / 2, "down") in prims(layout, r8, Arrowhead)
    # 8 -> 9 changes lane: leaves sideways, then enters 9 from the top
    assert HLine(x + prims(layout, r8, Symbol)[0].w / 2, LANE * 3.5, 0.0) in prims(layout, r8, HLine)
    assert Arrowhead(LANE * 3.5, -fl.SYMBOL_H["proses"] / 2, "down") in prims(layout, r9, Arrowhead)


def test_lines_pass_through_section_rows(panjang):
    _, layout = panjang
    section_b = next(i for i, r in enumerate(layout.rows) if r.kind == "bagian" and r.no == "B.")
    through = prims(layout, section_b, VLine)
    assert any(v.start is Anchor.TOP and v.end is Anchor.BOTTOM for v in through)


def test_backward_decision_is_routed_on_a_track(panjang):
    sop, layout = panjang
    r10, r3 = row_of(layout, 10), row_of(layout, 3)
    decision = layout.nodes[9]
    diamond = decision.symbols[0]
    # the "Belum" branch goes back up to step 3 along a vertical track
    labels = [l.text for l in prims(layout, r10, Label)]
    assert labels == ["Tercapai", "Belum"] or sorted(labels) == ["Belum", "Tercapai"]
    track = [v for v in prims(layout, r10, VLine) if v.end is Anchor.TOP]
    assert len(track) == 1
    x = track[0].x
    for r in range(r3 + 1, r10):  # full-height through every row in between ...
        assert VLine(x, Anchor.BOTTOM, Anchor.TOP) in prims(layout, r, VLine)  # drawn the way the flow runs: up
        for sym in prims(layout, r, Symbol):  # ... never through a symbol
            assert abs(sym.x - x) > sym.w / 2
    # and enters step 3 from the side with an arrowhead pointing into the symbol
    heads = [a for a in prims(layout, r3, Arrowhead) if a.direction in ("left", "right")]
    assert len(heads) == 1
    target = max(layout.nodes[2].symbols, key=lambda s: s.x)
    assert heads[0].x == pytest.approx(target.x + target.w / 2)
    assert heads[0].direction == "left" and x > diamond.x


def test_labels_stay_inside_the_lanes(panjang, tidak_langsung):
    for _, layout in (panjang, tidak_langsung):
        for row in layout.rows:
            for label in (p for p in row.prims if isinstance(p, Label)):
                a, b = label.extent
                assert 0 <= a and b <= layout.width, label


def test_multi_pelaksana_step_is_joined(panjang):
    _, layout = panjang
    r3 = row_of(layout, 3)
    symbols = prims(layout, r3, Symbol)
    assert [s.lane for s in symbols] == [1, 2]
    (join,) = prims(layout, r3, Join)
    assert join.x1 < symbols[0].x - symbols[0].w / 2 and join.x2 > symbols[1].x + symbols[1].w / 2
    assert [tuple(round(v, 3) for v in seg) for seg in join.shaded] == [(LANE, 2 * LANE), (2 * LANE, 3 * LANE)]
    # the flow into step 3 arrives at the symbol nearest its source (Petugas, lane 1)
    assert Arrowhead(LANE * 1.5, -fl.SYMBOL_H["proses"] / 2, "down") in prims(layout, r3, Arrowhead)


def crossings(layout) -> list:
    """Places where a horizontal line crosses a vertical one in the middle of both."""
    found = []
    for i, row in enumerate(layout.rows):
        hs = [p for p in row.prims if isinstance(p, HLine)]
        vs = [p for p in row.prims if isinstance(p, VLine)]
        for h in hs:
            lo, hi = sorted((h.x1, h.x2))
            for v in vs:
                if lo + 0.01 < v.x < hi - 0.01:
                    spans = {Anchor.TOP: -1, Anchor.CENTER: 0, Anchor.BOTTOM: 1}
                    a = spans[v.start] * 100 + (v.dy_start if v.start is Anchor.CENTER else 0)
                    b = spans[v.end] * 100 + (v.dy_end if v.end is Anchor.CENTER else 0)
                    if min(a, b) < h.dy < max(a, b):
                        found.append((i, h, v))
    return found


def test_branches_do_not_cross(tidak_langsung, panjang):
    for _, layout in (tidak_langsung, panjang):
        assert crossings(layout) == []


def test_decision_with_two_branches_uses_both_sides(tidak_langsung):
    sop, layout = tidak_langsung
    r2 = row_of(layout, 2)
    hs = prims(layout, r2, HLine)
    diamond = layout.nodes[1].symbols[0]
    assert any(max(h.x1, h.x2) > diamond.x for h in hs) and any(min(h.x1, h.x2) < diamond.x for h in hs)
    assert {l.text for l in prims(layout, r2, Label)} == {"Ya", "Tidak"}


def test_connector_pairs_at_page_breaks(panjang):
    _, layout = panjang
    n = len(layout.rows)
    r9 = row_of(layout, 9)
    layout = pagination.paginate(layout, [list(range(0, r9)), list(range(r9, n))])
    pairs = {}
    for i, c in layout.connectors:
        pairs.setdefault(c.label, []).append((i, c.anchor, round(c.line_x, 3)))
    # the flow 8 -> 9 and the backward branch 10 -> 3 both cross the break
    assert sorted(pairs) == ["A", "B"]
    for label, ends in pairs.items():
        assert sorted(ends, key=lambda e: e[0]) == [(r9 - 1, Anchor.BOTTOM, ends[0][2]), (r9, Anchor.TOP, ends[0][2])]
    assert any(r.min_height > fl.BAND_H for r in (layout.rows[r9 - 1], layout.rows[r9]))
    # paginating again replaces the connectors instead of adding more
    layout = pagination.paginate(layout, [list(range(n))])
    assert layout.connectors == []


def test_backward_jump_over_two_breaks_gets_a_pair_at_each(panjang):
    _, layout = panjang
    n = len(layout.rows)
    pages = [list(range(0, 4)), list(range(4, 9)), list(range(9, n))]
    layout = pagination.paginate(layout, pages)
    track_x = next(v.x for v in prims(layout, row_of(layout, 10), VLine) if v.end is Anchor.TOP)
    at_track = [(i, c.anchor, c.label) for i, c in layout.connectors if c.line_x == pytest.approx(track_x)]
    assert [(i, a) for i, a, _ in at_track] == [(3, Anchor.BOTTOM), (4, Anchor.TOP), (8, Anchor.BOTTOM), (9, Anchor.TOP)]
    assert at_track[0][2] == at_track[1][2] != at_track[2][2] == at_track[3][2]


def test_cell_primitives_are_clipped_to_their_lane(panjang):
    _, layout = panjang
    r3 = row_of(layout, 3)
    for lane in layout.lanes:
        for p in layout.cell_prims(r3, lane.index):
            if isinstance(p, (HLine, Join)):
                assert 0 <= min(p.x1, p.x2) and max(p.x1, p.x2) <= lane.w + 1e-9
            elif hasattr(p, "x") and not isinstance(p, Label):
                assert 0 <= p.x <= lane.w


def test_connector_labels_run_a_to_z_then_aa():
    gen = pagination._labels()
    labels = [next(gen) for _ in range(28)]
    assert labels[:3] == ["A", "B", "C"] and labels[25:] == ["Z", "AA", "AB"]


class _Pass:
    def __init__(self, pages, heights, capacities):
        self.pages, self.heights, self.capacities = pages, heights, capacities


def _swinging_renderer(layout, heights, lo, hi):
    """A renderer that keeps at most ``keep`` rows on its first page and reports the
    room of a page differently from pass to pass (as a heading row measured taller on
    one pass and shorter on the next): the plan made from one pass's figures is
    exactly the one the other pass reports against, so re-planning from the last pass
    alone swings between two plans and never lays out the renderer's own pages."""
    plan_lo = pagination.plan_pages(layout, heights, [lo])
    keep = len(plan_lo[0]) - 1
    calls = []

    def render(planned):
        calls.append(planned)
        rows = [r for p in planned for r in p]
        pages = [rows[:min(keep, len(planned[0]))], *([rows[min(keep, len(planned[0])):]] if len(rows) > keep else [])]
        pages = [p for p in pages if p]
        if pages[0] == planned[0]:
            pages = planned
        return _Pass(pages, heights, [hi if planned == plan_lo else lo])
    return render, calls


def test_pagination_settles_where_replanning_from_the_last_pass_swings(panjang):
    _, layout = panjang
    n = len(layout.rows)
    heights, lo, hi = [10.0] * n, 100.0, 125.0
    render, calls = _swinging_renderer(layout, heights, lo, hi)
    first = _Pass([list(range(n))], heights, [hi])

    # replanning from the last pass alone (the former loop) swings between two plans
    planned, seen = pagination.plan_pages(layout, heights, [hi]), []
    for _ in range(6):
        seen.append(planned)
        m = render(planned)
        if m.pages == planned:
            break
        planned = pagination.plan_pages(layout, m.heights, m.capacities)
    assert len({str(p) for p in seen}) == 2 and len(seen) == 6, ("the fixture must swing", seen)

    calls.clear()
    settled = pagination.settle(layout, first, render, passes=6)
    assert settled.pages == calls[-1], "the pass returned followed its plan"
    assert len({str(p) for p in calls}) == len(calls), "no plan laid out twice"
    assert sorted(r for p in settled.pages for r in p) == list(range(n))


def test_pagination_gives_up_with_a_message_when_nothing_settles(panjang):
    _, layout = panjang
    n = len(layout.rows)
    whole, single = [list(range(n))], [[r] for r in range(n)]
    never = lambda planned: _Pass(single if planned == whole else whole, [10.0] * n, [5.0])  # noqa: E731
    with pytest.raises(pagination.Unsettled):
        pagination.settle(layout, _Pass([list(range(n))], [10.0] * n, [5.0]), never, passes=4)


@pytest.fixture(scope="module")
def corpus_layouts(sample_root, tmp_path_factory):
    """Every SOP of the corpus and the fixture, at the narrowest and widest lanes the
    sheets use, the fixture's decision also with a long two-word label."""
    import shutil
    from soppress.layout.page import LANE_MAX, LANE_MIN
    out = []
    project, report = check(sample_root)
    long_root = tmp_path_factory.mktemp("label") / "alir"
    shutil.copytree(FIXTURES / "alir", long_root)
    source = long_root / "sops" / "panjang.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("label: Belum", "label: Tidak setuju"),
                      encoding="utf-8")
    sops = [f.sop for f in project.sops] + [_sop(FIXTURES / "alir", "panjang"), _sop(long_root, "panjang")]
    for sop in sops:
        for width in (LANE_MIN, LANE_MAX):
            out.append((sop.nomor, width, fl.build(sop, [width] * len(sop.pelaksana))))
    return out


def test_every_label_sits_in_one_lane_clear_of_everything(corpus_layouts):
    from soppress.layout import labels as lb
    checked = 0
    for name, width, layout in corpus_layouts:
        for i, row in enumerate(layout.rows):
            placed = [p for p in row.prims if isinstance(p, Label)]
            for label in placed:
                box = lb.label_box(label)
                lane = next((l for l in layout.lanes if l.x + lb.CLEAR - 1e-6 <= box.x1
                             and box.x2 <= l.x + l.w - lb.CLEAR + 1e-6), None)
                assert lane is not None, (name, width, i, label, "straddles a lane border")
                assert -fl.BAND_H / 2 < box.y1 and box.y2 < fl.BAND_H / 2, (name, width, i, label)
                others = lb.obstacles(p for p in row.prims if p is not label)
                assert lb.is_clear(box, others), (name, width, i, label, "touches a line or symbol")
                checked += 1
    assert checked > 20


def test_a_long_label_in_a_narrow_lane_is_broken_rather_than_crossing(corpus_layouts):
    layouts = [l for n, w, l in corpus_layouts if w == 19.0]
    texts = [p.text for l in layouts[-1:] for r in l.rows for p in r.prims if isinstance(p, Label)]
    assert "Tidak setuju" in texts or {"Tidak", "setuju"} <= set(texts), texts
