"""The PDF pass reads row heights from weasyprint's layout boxes (``Page._page_box``,
``TableRowBox``): not public API. If an upgrade changes them, this fails loudly
instead of the DOCX silently falling back to minimum row heights."""
import weasyprint

from soppress.render.pdf.sop import measure

HTML = """<style>@page { size: 100mm 60mm; margin: 5mm } table { border-collapse: collapse } td { padding: 0 }</style>
<table><tbody>
<tr id="r0"><td style="height: 10mm">a</td></tr>
<tr id="r1"><td style="height: 20mm">b</td></tr>
<tr id="r2"><td style="height: 30mm">c</td></tr>
</tbody></table>"""


def test_row_heights_and_pages_are_readable_from_the_layout():
    document = weasyprint.HTML(string=HTML).render()
    assert all(hasattr(page, "_page_box") for page in document.pages), "weasyprint Page._page_box is gone"
    m = measure(document, 3)
    assert m.heights is not None, "weasyprint's TableRowBox / descendants() / margin_height() changed"
    assert [round(h) for h in m.heights] == [10, 20, 30]
    assert m.pages == [[0, 1], [2]]  # 50 mm of room per page
