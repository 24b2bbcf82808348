"""The one way text is turned into documents: Jinja2 templates shipped as package data.

HTML templates are autoescaped; Markdown templates escape every value for Markdown instead.
Both use StrictUndefined, so a template that names a missing value fails loudly in tests rather
than printing nothing. Control characters in people's text are shown by name ([NUL], [ESC])
rather than passed raw into documents that cannot hold them: plain ASCII, because common fonts
have no glyphs for Unicode's control pictures.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .plan import long_date

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")
_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)


def visible_controls(text: str) -> str:
    """C0 controls (but tab and newlines) and DEL by name, [NUL], [ESC]: shown, never obeyed."""
    def name(match: re.Match) -> str:
        code = ord(match.group())
        return f"[{_NAMES[code] if code < 32 else 'DEL'}]"

    return _CONTROL.sub(name, text)


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML or tables from it."""
    text = _MARKDOWN.sub(r"\\\1", visible_controls(text))
    text = re.sub(r"^(\s*)([-=]|\d+[.)])", r"\1\\\2", text, flags=re.MULTILINE)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def isolate(name: str) -> str:
    """A name kept in its place inside English text, whatever its script: a left-to-right
    mark on each side. (Not FSI … PDI: Qt's layout pairs them wrongly when two right-to-left
    names share a line, and "ليلى and נועה" came out as "נועה and ليلى".)
    """
    return f"\u200e{name}\u200e"


@lru_cache(maxsize=2)
def _environment(markdown: bool):
    import jinja2

    def load(name: str) -> str:
        return (resources.files("facilitator") / "templates" / name).read_text("utf-8")

    def finalize(value):
        if isinstance(value, str):
            return markdown_escape(value) if markdown else visible_controls(value)
        return value

    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["long_date"] = long_date
    environment.filters["isolate"] = isolate
    return environment


def render(name: str, **context) -> str:
    """Render the template `name` (…html.j2 or …md.j2) with `context`."""
    return _environment(name.endswith(".md.j2")).get_template(name).render(**context)
