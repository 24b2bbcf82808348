"""Every export format in one place: the bundle (JSON) and the plan (PDF, HTML, Markdown,
iCalendar). Heavy modules (Jinja2, Qt for PDF, icalendar) load only when a format needs them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError
from .library import Library
from .model import Session

FORMATS = ("pdf", "html", "md", "ics", "json")
SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md", "ics": ".ics", "json": ".json"}


def plan_html(session: Session, library: Library, *, standalone: bool = True) -> str:
    from .plan import build_plan
    from .render import render

    return render("plan.html.j2", plan=build_plan(session, library), standalone=standalone)


def export_bytes(session: Session, library: Library, fmt: str, *,
                 shared_only: bool = False, page_size: str | None = None) -> bytes:
    """The export of `session` in `fmt`, as the bytes of the file.

    `page_size` ("a4" or "letter") is for PDF; by default it follows the locale.
    """
    if fmt == "json":
        from .bundle import dumps, to_bundle

        return dumps(to_bundle(session, shared_only=shared_only)).encode("utf-8")
    from .plan import build_plan

    plan = build_plan(session, library)
    if fmt == "html":
        return plan_html(session, library).encode("utf-8")
    if fmt == "md":
        from .render import render

        return render("plan.md.j2", plan=plan).encode("utf-8")
    if fmt == "ics":
        from .ical import to_ical

        return to_ical(plan, key=f"{session.id}-{session.created}")
    if fmt == "pdf":
        return pdf_bytes(plan_html(session, library, standalone=False), session.title,
                         page_size)
    raise ValueError(f"unknown format {fmt!r}")


def pdf_bytes(html: str, title: str, page_size: str | None = None) -> bytes:
    """The PDF of `html`; QPdfWriter writes to a file, read back and removed here."""
    from .pdf import PAGE_SIZES, write_pdf

    fd, name = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    try:
        write_pdf(html, name, title, PAGE_SIZES[page_size] if page_size else None)
        return Path(name).read_bytes()
    finally:
        Path(name).unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file.

    An existing file is replaced only when it is a regular file (not a folder, link or device).
    """
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"{path}: exists and is not a regular file; choose another name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
