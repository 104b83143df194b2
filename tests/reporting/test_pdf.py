import io
import os
import re

import pytest

pypdf = pytest.importorskip("pypdf")

from framing.errors import ReportError  # noqa: E402
from framing.reporting import pdf  # noqa: E402
from tests.reporting.report_sample import OUTLETS_25, make_report  # noqa: E402


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def report():
    return make_report()


@pytest.fixture(scope="module")
def document(report):
    return pdf._document(report)


@pytest.fixture(scope="module")
def reader(document):
    with pdf._quiet_weasyprint():
        data = document.write_pdf(**pdf.PDF_OPTIONS)
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def page_texts(reader):
    return [page.extract_text() for page in reader.pages]


def test_a4_pages_with_running_header_and_page_numbers(reader, page_texts, report):
    count = len(reader.pages)
    assert count >= 10
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    for number, text in enumerate(page_texts, start=1):
        assert f"page {number} of {count}" in text
    # Running header from page 2 on: the report title, shortened.
    assert "How outlets framed the Rotherham child sexual exploitation…" in page_texts[3]
    assert "How outlets framed" not in page_texts[0].split("\n")[0]


def test_every_quote_is_in_the_pdf_verbatim(page_texts, report):
    everything = squash("".join(page_texts))
    for quote in report.quotes:
        assert squash(quote.text) in everything, quote.text


def test_every_outlet_is_named(page_texts):
    everything = squash("".join(page_texts))
    for outlet in OUTLETS_25:
        assert squash(outlet) in everything, outlet


def test_table_of_contents_page_numbers_are_right(page_texts, report):
    contents = page_texts[1]
    assert contents.startswith("Contents") or "Contents" in contents.split("\n")[0]
    for number, section in enumerate(report.sections, start=1):
        match = re.search(rf"^{number} {re.escape(section.title)}[ .]*?(\d+)\s*$", contents,
                          re.MULTILINE)
        assert match, section.title
        page = int(match.group(1))
        heading = rf"^{number}\s+{re.escape(section.title)}\s*$"
        first = next(i for i, text in enumerate(page_texts[2:], start=3)
                     if re.search(heading, text, re.MULTILINE))
        assert page == first, (section.title, page, first)


def test_metadata(reader, report):
    metadata = reader.metadata
    assert metadata.title == report.title
    assert metadata.author == "framing test suite"
    assert metadata.subject == "Framing of the Rotherham scandal"
    assert metadata["/Keywords"] == "framing, Rotherham, media studies"


def test_tagged_pdf_with_alt_text_on_charts(reader):
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"


def test_only_dejavu_fonts_are_used(reader):
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts
    assert all("DejaVu" in name for name in fonts), fonts


def _overflowing_boxes(document):
    from weasyprint.formatting_structure import boxes

    found = []
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        limit = page_box.content_box_x() + page_box.width
        for top in page_box.children:
            if isinstance(top, boxes.MarginBox):
                continue
            for box in top.descendants():
                if box.position_x is None or getattr(box, "width", None) in (None, "auto"):
                    continue
                if box.position_x + box.margin_width() > limit + 0.5:
                    found.append((index + 1, type(box).__name__, getattr(box, "element_tag", "")))
    return found


def test_nothing_runs_off_the_page(document):
    # 25 outlets with long and unbroken names, a 300-row audit table, wide tables.
    assert _overflowing_boxes(document) == []


def test_the_overflow_check_can_fail():
    document = pdf.layout_html('<div style="width: 300mm">too wide</div>')
    assert _overflowing_boxes(document)


def test_render_pdf_writes_the_file(tmp_path, report):
    target = tmp_path / "nested" / "report.pdf"
    assert pdf.render_pdf(report, target) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert os.listdir(target.parent) == ["report.pdf"]


def test_render_pdf_bytes(report):
    data = pdf.render_pdf_bytes(report)
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]


def test_a_failure_mid_render_leaves_the_previous_file_intact(tmp_path, report, monkeypatch):
    from weasyprint.document import Document

    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous report")

    def half_written(self, target=None, **options):
        with open(target, "wb") as stream:
            stream.write(b"%PDF-1.7 partial")
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(Document, "write_pdf", half_written)
    with pytest.raises(ReportError, match=r"report\.pdf: could not write the PDF: RuntimeError"):
        pdf.render_pdf(report, target)
    assert target.read_bytes() == b"previous report"
    assert os.listdir(tmp_path) == ["report.pdf"]

    def interrupted(self, target=None, **options):
        with open(target, "wb") as stream:
            stream.write(b"%PDF-1.7 partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(Document, "write_pdf", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pdf.render_pdf(report, target)
    assert target.read_bytes() == b"previous report"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_disk_full_and_unwritable_folder(tmp_path, report, monkeypatch):
    from weasyprint.document import Document

    def disk_full(self, target=None, **options):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Document, "write_pdf", disk_full)
    with pytest.raises(ReportError, match="No space left on device; check the folder exists"):
        pdf.render_pdf(report, tmp_path / "report.pdf")
    assert os.listdir(tmp_path) == []
    monkeypatch.undo()

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ReportError, match="a-file: cannot create the output folder .*; choose "
                       "another place with -o$"):
        pdf.render_pdf(report, blocker / "report.pdf")


def test_memoised_page_references_are_pydyf_s_and_follow_new_pages():
    import pydyf

    built = pydyf.PDF.page_references
    document = pydyf.PDF()
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    expected = built.fget(document)
    with pdf._memoised_page_references():
        assert document.page_references == expected
        assert document.page_references is document.page_references  # built once
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert document.page_references == built.fget(document)
        assert len(document.page_references) == 4
    assert pydyf.PDF.page_references is built


def test_layout_and_writing_run_with_the_collector_paused(tmp_path, report, monkeypatch):
    """WeasyPrint makes millions of boxes that hold no cycles: walking them again and again
    took a third of the layout time of a 200-page report."""
    import gc

    from weasyprint import HTML
    from weasyprint.document import Document

    seen = []
    render, write = HTML.render, Document.write_pdf

    def recording_render(self, *args, **kwargs):
        seen.append(("layout", gc.isenabled()))
        return render(self, *args, **kwargs)

    def recording_write(self, *args, **kwargs):
        seen.append(("write", gc.isenabled()))
        return write(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", recording_render)
    monkeypatch.setattr(Document, "write_pdf", recording_write)
    was = gc.isenabled()
    gc.enable()
    try:
        pdf.render_pdf(report, tmp_path / "report.pdf")
        pdf.render_pdf_bytes(report)
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
    assert seen == [("layout", False), ("write", False)] * 2
