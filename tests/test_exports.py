"""The plan exports (product.md §5–§7): the PDF read back, privacy, text as data, iCalendar,
the HTML and Markdown documents, and atomic writes from the command line."""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from markupsafe import escape
from pypdf import PdfReader
from steps import satisfy, screening_guide, walk_to

from facilitator import demo
from facilitator.demo import add_demo
from facilitator.exports import export_bytes
from facilitator.library import Library
from facilitator.runner import Runner
from facilitator.store import Store

TODAY = date(2026, 11, 27)
PLAN_FORMATS = ("pdf", "html", "md", "ics")
RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def flat(text: str) -> str:
    """Extracted PDF text as one line: ligatures (ﬁ) and Arabic forms unfolded, runs of
    whitespace (pypdf's tabs and line breaks) as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [flat(page.extract_text()) for page in reader.pages]


def demo_via_cli(cli, library: Library) -> str:
    """The demo session, dated, in the CLI's own store (closed again before the CLI runs)."""
    store = Store.open(cli.data / "facilitator.db")
    try:
        return str(add_demo(store, library, today=TODAY))
    finally:
        store.close()


def agree(runner: Runner, what: str, owner: str, due: str, measure: str) -> None:
    """An action both parties consent to."""
    runner.add_action(what, owner, due, measure)
    runner.consent(runner.session.actions[-1].id, "a")
    runner.consent(runner.session.actions[-1].id, "b")


def export(cli, session_id: str, fmt: str, path, *flags: str) -> bytes:
    result = cli("export", session_id, "--format", fmt, "-o", str(path), *flags)
    assert (result.code, result.err) == (0, ""), result
    return path.read_bytes()


# -- the PDF ---------------------------------------------------------------------------------

def test_demo_pdf_holds_the_plan(cli, library, tmp_path):
    reader, pages = pdf_pages(export(cli, demo_via_cli(cli, library), "pdf",
                                     tmp_path / "plan.pdf"))
    text = " ".join(pages)
    assert len(text) > 2000  # real, extractable text, not pictures of text
    for name in (demo.A, demo.B, demo.MEDIATOR):
        assert name in text
    for what, *_ in [*demo.ACTIONS, demo.REVIEW_ACTION]:
        assert " ".join(what.split()[:5]) in text
    assert "8 January 2027" in text
    assert demo.NOT_AGREED[0] in text
    assert "not legally binding unless the parties decide to make it so" in text
    assert text.count("_" * 20) >= 3 and "Date ____" in text
    assert "housing pressure" not in text  # the private mediator note
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        assert demo.TITLE in page  # the running title
    assert reader.metadata.title == demo.TITLE
    assert demo.A not in reader.metadata.title and demo.B not in reader.metadata.title


def test_a_long_table_repeats_its_header_on_every_page(start, store, library):
    runner = start()
    walk_to(runner, "actions")
    for week in range(1, 41):
        agree(runner, f"Trim the shared hedge, week {week}", "ab"[week % 2],
              (date(2031, 1, 5) + timedelta(weeks=week)).isoformat(),
              f"Hedge below the fence line in week {week}")
    _, pages = pdf_pages(export_bytes(store.load_session(runner.session.id), library, "pdf"))
    with_header = [p for p in pages if "How we" in p and "Agreed by" in p]
    assert len(pages) >= 3 and len(with_header) >= 2
    assert "hedge, week 40" in " ".join(with_header[1:])  # the table went on under a header


# -- private content stays private -------------------------------------------------------------

CANARY = "QZX-PRIVATE-CANARY"
SHARED_MARK = "QZX-SHARED-MARK"
CANARY_GUIDE = screening_guide("canary-check", "Canary check", question_id=f"{CANARY.lower()}-fear",
                               question=f"{CANARY}: is anyone afraid?",
                               kinds=("actions", "closing"))


def test_private_content_appears_in_no_plan_export(cli, tmp_path):
    (cli.data / "guides").mkdir(parents=True)
    (cli.data / "guides" / "canary.toml").write_text(CANARY_GUIDE, encoding="utf-8")
    store = Store.open(cli.data / "facilitator.db")
    try:
        runner = Runner.start(store, Library.load(cli.data / "guides"), guide_id="canary-check",
                              mode="mediated", a="Avery Quill", b="Blake Moss",
                              mediator="Morgan Reyes", title="Fence repairs on Elm Row")
        satisfy(runner)  # screening answers, private, keyed by the canary question
        runner.add_note(f"{CANARY} at screening", visibility="private")
        runner.advance()
        agree(runner, "Mend the fence panel", "both", "2031-05-02", "Panel stands")
        runner.set_review_date("2031-06-01")
        runner.add_note(f"{CANARY} by the mediator", visibility="private")
        runner.add_note(f"{CANARY} by Avery", visibility="private", author="a")
        runner.add_note(f"{SHARED_MARK}: both will tell the landlord", visibility="shared")
        runner.advance()
        runner.add_note(f"{CANARY} at closing", visibility="private")
        session_id = str(runner.session.id)
    finally:
        store.close()
    texts = {}
    for fmt in PLAN_FORMATS:
        data = export(cli, session_id, fmt, tmp_path / f"plan.{fmt}")
        texts[fmt] = (" ".join(pdf_pages(data)[1]) if fmt == "pdf"
                      else data.decode("utf-8").replace("\r\n ", ""))  # unfold ics lines
    texts["shared json"] = export(cli, session_id, "json", tmp_path / "shared.json",
                                  "--shared-only").decode("utf-8")
    full = export(cli, session_id, "json", tmp_path / "full.json").decode("utf-8")
    for fmt in ("pdf", "html", "md", "shared json"):
        assert SHARED_MARK in texts[fmt], fmt
    assert "Mend the fence panel" in texts["ics"]
    for fmt, text in texts.items():
        assert CANARY.lower() not in text.lower(), fmt
    assert full.count(CANARY) == 4 and f"{CANARY.lower()}-fear" in full  # the archive


# -- text is data ------------------------------------------------------------------------------

FAMILY, FLAG = "👩\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈"
CONTROLS, PICTURES = "a\x00b\x07c\x1bd", "a[NUL]b[BEL]c[ESC]d"
HOSTILE = (f"<script>alert(1)</script> <b>x</b>&amp; {{{{ 7*7 }}}} "
           f"{{% raw %}}{{% if %}}{{% endraw %}} مرحبا שלום {FAMILY} {FLAG} {CONTROLS}")
ARABIC_NAME = "ليلى حداد"
LONG = "abc😀\n" * 20_000


@pytest.fixture(scope="module")
def hostile(library) -> dict[str, bytes]:
    """Every format of a session whose every field holds hostile text."""
    store = Store.memory()
    try:
        runner = Runner.start(store, library, guide_id="mediated-two-party", mode="mediated",
                              a=f"{ARABIC_NAME} {HOSTILE}", b=f"נועה כהן {HOSTILE}",
                              mediator=f"Morgan {HOSTILE}", title=f"Title {HOSTILE}")
        walk_to(runner, "statement")
        runner.edit_statement(observation=f"Saw {HOSTILE}", request=f"ask {HOSTILE}",
                              feelings=["tired"])
        walk_to(runner, "actions")
        agree(runner, f"Act {HOSTILE}", "a", "2031-03-03", f"Measure {HOSTILE}")
        runner.park(f"Parked {HOSTILE}")
        runner.add_note(f"Note {HOSTILE}")
        runner.add_note(LONG)
        runner.set_review_date("2031-04-04")
        session = store.load_session(runner.session.id)
        return {fmt: export_bytes(session, library, fmt) for fmt in (*PLAN_FORMATS, "json")}
    finally:
        store.close()


def test_hostile_text_exports_in_every_format(hostile):
    assert hostile["pdf"].startswith(b"%PDF")
    bundle = json.loads(hostile["json"])
    assert bundle["session"]["title"] == f"Title {HOSTILE}"
    assert LONG in [n["text"] for n in bundle["session"]["notes"]]
    events = Calendar.from_ical(hostile["ics"]).walk("VEVENT")
    assert len(events) == 2 and "Act <script>alert(1)</script>" in str(events[1]["SUMMARY"])


def test_html_shows_markup_and_template_syntax_as_text(hostile):
    html = hostile["html"].decode("utf-8")
    assert "<script" not in html.lower() and "<b>x" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 8
    assert "&lt;b&gt;x&lt;/b&gt;&amp;amp;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}{% if %}{% endraw %}" in html
    assert "49" not in html
    for text in (ARABIC_NAME, "נועה כהן", "مرحبا שלום", FAMILY, FLAG):
        assert text in html
    assert PICTURES in html and not RAW_CONTROLS.search(html)
    assert LONG in html


def test_markdown_escapes_markup_and_template_syntax(hostile):
    md = hostile["md"].decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|/script|b>|/b>)", md)
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md
    assert "\\{\\{ 7\\*7 \\}\\}" in md and "\\{% raw %\\}" in md
    assert "49" not in md
    for text in (ARABIC_NAME, "נועה כהן", FAMILY, FLAG):
        assert text in md
    assert PICTURES.replace("[", "\\[").replace("]", "\\]") in md
    assert not RAW_CONTROLS.search(md)
    assert md.count("abc😀<br>") == 20_000  # the long note whole, on one Markdown paragraph


def test_markdown_shows_an_entity_as_typed(hostile):
    md = hostile["md"].decode("utf-8")
    assert "\\&amp;" in md or "&amp;amp;" in md


def test_pdf_of_hostile_text_has_many_pages_and_the_names(hostile):
    reader = PdfReader(io.BytesIO(hostile["pdf"]))
    assert len(reader.pages) >= 10  # the 100 000-character note, laid out in full
    first = flat(reader.pages[0].extract_text())
    for word in ARABIC_NAME.split():  # pypdf gives right-to-left runs in visual order
        assert word in first or word[::-1] in first
    assert "<script>alert(1)</script>" in first and "{{ 7*7 }}" in first
    assert not re.search("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", first)


def test_pdf_shows_control_characters_by_name(hostile):
    first = unicodedata.normalize("NFKC", PdfReader(io.BytesIO(hostile["pdf"]))
                                  .pages[0].extract_text())
    assert PICTURES in first and "\x00" not in first


def test_icalendar_holds_no_raw_control_characters(hostile):
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", hostile["ics"])


# -- iCalendar -------------------------------------------------------------------------------

def test_icalendar_has_the_review_and_every_due_date(cli, library, tmp_path):
    session_id = demo_via_cli(cli, library)
    first = Calendar.from_ical(export(cli, session_id, "ics", tmp_path / "one.ics"))
    again = Calendar.from_ical(export(cli, session_id, "ics", tmp_path / "two.ics"))
    events = first.walk("VEVENT")
    due = {what: TODAY + timedelta(days=days)
           for what, _, days, _ in [*demo.ACTIONS, demo.REVIEW_ACTION]}
    assert len(events) == 1 + len(due)
    review = [e for e in events if str(e["SUMMARY"]).startswith("Review")]
    assert len(review) == 1 and review[0].decoded("DTSTART") == date(2027, 1, 8)
    for what, day in due.items():
        matching = [e for e in events if what in str(e["SUMMARY"])]
        assert len(matching) == 1 and matching[0].decoded("DTSTART") == day, what
    assert not [e for e in events if demo.NOT_AGREED[0] in str(e["SUMMARY"])]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and uids == [str(e["UID"]) for e in again.walk("VEVENT")]


def test_an_actions_event_keeps_its_uid_when_an_earlier_action_is_parked(start, store,
                                                                         library):
    runner = start()
    walk_to(runner, "actions")
    for what, due in (("Return the ladder", "2031-02-01"), ("Fix the gate", "2031-02-08")):
        agree(runner, what, "both", due, "Done")

    def gate_uid() -> str:
        data = export_bytes(store.load_session(runner.session.id), library, "ics")
        return next(str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")
                    if "Fix the gate" in str(e["SUMMARY"]))

    before = gate_uid()
    runner.park_action(runner.session.actions[0].id)
    assert gate_uid() == before


# -- HTML and Markdown documents -------------------------------------------------------------

def test_html_is_a_complete_standalone_document(store, library):
    session = store.load_session(add_demo(store, library, today=TODAY))
    html = export_bytes(session, library, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in html and f"<title>{demo.TITLE}</title>" in html
    assert not re.search(r"<link|<script|<img|src=|https?://", html, re.IGNORECASE)
    agreed = [a.what for a in session.actions if a.status == "agreed"]
    assert html.count("<tr>") >= len(agreed) + 1 and all(escape(what) in html for what in agreed)


def test_markdown_has_the_headings_and_one_row_per_action(store, library):
    session = store.load_session(add_demo(store, library, today=TODAY))
    md = export_bytes(session, library, "md").decode("utf-8")
    assert md.startswith(f"# {demo.TITLE}\n")
    assert "\n## What we agreed\n" in md and "\n## Not agreed for now\n" in md
    section = md.split("\n## What we agreed\n")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert rows[0].startswith("| What | Who | By when |") and set(rows[1]) <= set("|-")
    agreed = [a.what for a in session.actions if a.status == "agreed"]
    assert len(rows) == 2 + len(agreed) == 7
    for row, what in zip(rows[2:], agreed, strict=True):
        assert row.startswith(f"| {what} | ") and row.endswith(" |")


# -- files are written atomically --------------------------------------------------------------

MAGIC = {"pdf": b"%PDF", "html": b"<!DOCTYPE html>", "md": b"# ", "ics": b"BEGIN:VCALENDAR",
         "json": b"{"}


@pytest.mark.parametrize("fmt", list(MAGIC))
def test_export_replaces_an_existing_file_whole(cli, tmp_path, fmt):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / f"plan.{fmt}"
    path.write_bytes(b"an older, longer file that must be gone\n" * 50_000)
    old_inode = path.stat().st_ino
    data = export(cli, cli("demo").out.strip(), fmt, path)
    assert data.startswith(MAGIC[fmt]) and b"an older" not in data
    assert path.stat().st_ino != old_inode  # a new file renamed over the old, not rewritten
    assert [p.name for p in folder.iterdir()] == [path.name]


def test_failed_write_leaves_the_old_file_and_no_temporary_file(cli, tmp_path, monkeypatch):
    session_id = cli("demo").out.strip()
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "plan.html"
    path.write_text("the previous plan", encoding="utf-8")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = cli("export", session_id, "--format", "html", "-o", str(path))
    assert result.code == 1 and "No space left" in result.err and "Traceback" not in result.err
    assert path.read_text(encoding="utf-8") == "the previous plan"
    assert [p.name for p in folder.iterdir()] == ["plan.html"]
