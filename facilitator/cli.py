"""The command line: `facilitator [COMMAND] …`, the public contract of docs/cli.md.

Exit codes: 0 done; 2 bad input or usage (one line on stderr naming what is wrong);
3 wrong or missing passphrase; 1 anything unexpected. Never a traceback, unless
FACILITATOR_DEBUG is set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path
from typing import TextIO

from . import __version__, paths
from .errors import DataFileError, FacilitatorError, PassphraseError, UsageError

PROG = "facilitator"
FORMATS = ("pdf", "html", "md", "ics", "json")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake as one UsageError line instead of exiting."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--data-dir and --passphrase-stdin, accepted before or after the command's name."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help=f"where the data lives (default: ${paths.ENVIRONMENT} or the "
                             "per-user data folder)")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        default=False if top else argparse.SUPPRESS,
                        help="read passphrases from standard input, one per line")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Talk it through: a private, offline guide for "
                     "two people in conflict. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _common(sub, top=False)
        return sub

    command("demo", "add a finished sample session and print its id")
    sub = command("sessions", "list sessions")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = command("guides", "list the available guides, or check guide files")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("action", nargs="?", choices=["check"], help="check: validate FILEs")
    sub.add_argument("files", nargs="*", metavar="FILE", help="guide files to check")
    sub = command("export", "export one session")
    sub.add_argument("id", metavar="ID", help="the session's id (see `sessions`)")
    sub.add_argument("--format", required=True, choices=FORMATS)
    sub.add_argument("-o", "--output", required=True, metavar="OUT",
                     help="the file to write, or - for standard output")
    sub.add_argument("--shared-only", action="store_true",
                     help="json: leave private notes and screening answers out of the bundle "
                          "(the other formats never contain them)")
    sub = command("import", "import a session bundle as a new session and print its id")
    sub.add_argument("file", metavar="FILE.json")
    sub = command("backup", "write a consistent copy of the whole store")
    sub.add_argument("output", metavar="OUT")
    sub = command("restore", "replace the store with a backup, keeping the old one aside")
    sub.add_argument("file", metavar="FILE")
    command("encrypt", "protect the store with a passphrase (read from standard input)")
    command("decrypt", "remove the passphrase protection")
    command("rekey", "change the passphrase (the old one, then the new one)")
    return parser


def main(argv: list[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        args.passphrases = _read_passphrases(args, stdin)
        return _run(args, stdout, stderr)
    except FacilitatorError as error:
        for line in str(error).splitlines() or [type(error).__name__]:
            print(f"{PROG}: {line}", file=stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the promise: never a traceback, unless asked for
        if os.environ.get("FACILITATOR_DEBUG"):
            traceback.print_exc(file=stderr)
        print(f"{PROG}: unexpected error: {type(error).__name__}: {error}", file=stderr)
        return 1


def _read_passphrases(args: argparse.Namespace, stdin: TextIO) -> list[str]:
    """One line per passphrase the command needs; never taken from the arguments."""
    if not args.passphrase_stdin:
        return []
    wanted = {"rekey": 2}.get(args.command or "", 1)
    lines = []
    for _ in range(wanted):
        line = stdin.readline()
        if not line:
            raise PassphraseError("--passphrase-stdin: standard input ended before a passphrase")
        lines.append(line.rstrip("\r\n"))
    return lines


def _passphrase(args: argparse.Namespace, index: int, prompt: str) -> str:
    """Passphrase number `index` of this command: from standard input when asked to, else
    typed at a terminal; never from the arguments."""
    if args.passphrase_stdin:
        return args.passphrases[index]
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"{prompt}: ")
    raise PassphraseError("a passphrase is needed: give it on standard input with "
                          "--passphrase-stdin")


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folder = paths.data_dir(args.data_dir)
    if args.command is None:
        return _open_app(folder, args)
    if args.command == "guides":
        return _guides(args, folder, out, err)
    if args.command in ("encrypt", "decrypt", "rekey"):
        return _protection(args, folder, err)
    if args.command == "restore":
        return _restore(args, folder, err)
    store = _open_store(folder, args)
    try:
        return _COMMANDS[args.command](args, store, folder, out, err)
    finally:
        store.close()


def _open_app(folder: Path, args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ModuleNotFoundError as error:
        if error.name not in ("ui.app", "ui"):
            raise
        raise UsageError("the desktop app is not part of this build yet; "
                         "see `facilitator --help` for the commands") from None
    return run(folder, args)


def _open_store(folder: Path, args: argparse.Namespace):
    from .cipher import is_encrypted
    from .store import Store

    path = paths.database(folder)
    passphrase = _passphrase(args, 0, "Passphrase") if is_encrypted(path) else None
    return Store.open(path, passphrase, check=True)


def _protection(args: argparse.Namespace, folder: Path, err: TextIO) -> int:
    """encrypt / decrypt / rekey: each rewrites the store in one atomic rename."""
    from .cipher import connect, convert, is_encrypted
    from .store import Store

    path = paths.database(folder)
    encrypted = is_encrypted(path)
    if args.command == "encrypt":
        if encrypted:
            raise UsageError("the store is already protected; use `rekey` to change the "
                             "passphrase")
        new = _passphrase(args, 0, "New passphrase")
        Store.open(path).close()  # a new or older store is created or upgraded first
        print(f"{PROG}: note: without this passphrase nobody can open the data, you "
              "included; there is no way to recover it", file=err)
        convert(path, None, new)
        return 0
    if not encrypted:
        raise UsageError(f"the store is not protected; nothing to {args.command}")
    old = _passphrase(args, 0, "Current passphrase")
    connect(path, old).close()  # a wrong passphrase stops here, before anything is written
    new = _passphrase(args, 1, "New passphrase") if args.command == "rekey" else None
    convert(path, old, new)
    return 0


def _library(folder: Path):
    from .library import Library

    return Library.load(paths.user_guides(folder))


def _guides(args, folder: Path, out: TextIO, err: TextIO) -> int:
    if args.action == "check":
        return _check_guides(args.files, out, err)
    if args.files:
        raise UsageError(f"unexpected argument {args.files[0]!r} (did you mean `guides check`?)")
    library = _library(folder)
    for problem in library.problems:
        print(f"{PROG}: warning: {problem} (guide left out)", file=err)
    guides = library.sorted_guides()
    if args.json:
        rows = [{"id": g.id, "title": g.title, "language": g.language, "mode": g.mode,
                 "source": g.source, "path": g.path, "description": g.description,
                 "steps": [{"id": s.id, "kind": s.kind} for s in g.steps]} for g in guides]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
    else:
        _table(out, ["ID", "LANGUAGE", "MODE", "SOURCE", "TITLE"],
               [[g.id, g.language, g.mode, g.source, g.title] for g in guides])
    return 0


def _check_guides(files: list[str], out: TextIO, err: TextIO) -> int:
    from .guide import load_guide

    if not files:
        raise UsageError("guides check: name at least one FILE")
    bad = 0
    for name in files:
        try:
            guide = load_guide(name)
        except DataFileError as error:
            bad += 1
            for problem in error.problems:
                print(str(problem), file=err)
        else:
            print(f"{name}: ok ({guide.id}, {len(guide.steps)} steps)", file=out)
    if bad:
        print(f"{PROG}: {bad} of {len(files)} guide files have problems", file=err)
        return 2
    return 0


def _demo(args, store, folder: Path, out: TextIO, err: TextIO) -> int:
    from .demo import add_demo

    print(add_demo(store, _library(folder)), file=out)
    return 0


def _sessions(args, store, folder: Path, out: TextIO, err: TextIO) -> int:
    rows = store.list_sessions()
    if args.json:
        listing = [{"id": r["id"], "title": r["title"], "guide": r["guide_id"],
                    "mode": r["mode"], "status": r["status"], "updated": r["updated"],
                    "parties": [r["party_a"], r["party_b"]]} for r in rows]
        print(json.dumps(listing, ensure_ascii=False, indent=2), file=out)
    else:
        _table(out, ["ID", "TITLE", "GUIDE", "STATUS", "UPDATED"],
               [[str(r["id"]), _clip(r["title"], 40), r["guide_id"], r["status"],
                 r["updated"][:16].replace("T", " ")] for r in rows])
    return 0


def _export(args, store, folder: Path, out: TextIO, err: TextIO) -> int:
    from .exports import export_bytes, write_atomically

    session = store.load_session(_session_id(args.id))
    library = _library(folder) if args.format != "json" else None
    data = export_bytes(session, library, args.format, shared_only=args.shared_only)
    if args.output == "-":
        if args.format == "pdf":
            raise UsageError("a PDF cannot go to standard output; name a file with -o")
        out.write(data.decode("utf-8"))
    else:
        write_atomically(Path(args.output), data)
    return 0


def _import(args, store, folder: Path, out: TextIO, err: TextIO) -> int:
    from .bundle import import_bundle

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror})") from None
    session = import_bundle(store, raw, str(path))
    if session.guide_id not in _library(folder).guides:
        print(f"{PROG}: note: guide \"{session.guide_id}\" is not installed here; the session "
              "can be read and exported but not continued", file=err)
    print(session.id, file=out)
    return 0


def _backup(args, store, folder: Path, out: TextIO, err: TextIO) -> int:
    from .backup import backup

    backup(store, Path(args.output))
    return 0


def _restore(args: argparse.Namespace, folder: Path, err: TextIO) -> int:
    from .backup import restore
    from .cipher import is_encrypted
    from .store import Store

    source = Path(args.file)
    passphrase = _passphrase(args, 0, "Passphrase") if is_encrypted(source) else None
    kept = restore(paths.database(folder), source, passphrase)
    Store.open(paths.database(folder), passphrase).close()  # an older backup is upgraded
    if kept:
        print(f"{PROG}: note: the replaced store is kept as {kept}", file=err)
    return 0


_COMMANDS = {"demo": _demo, "sessions": _sessions, "export": _export, "import": _import,
             "backup": _backup}


def _session_id(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise UsageError(f"session id must be a number, not {text!r}")
    return int(text)


def _clip(text: str, width: int) -> str:
    """One line for a terminal: control characters (escape sequences too) become spaces."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(out: TextIO, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)
