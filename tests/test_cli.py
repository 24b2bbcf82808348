"""The command line contract (product.md §7): commands, option placement, exit codes, messages."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from steps import screening_guide

import facilitator.cli
from facilitator import demo

SHIPPED = {"mediated-two-party", "couples-self-guided", "coworkers-self-guided",
           "follow-up-review"}

GUIDE = screening_guide("x-user-guide", "Avery and Blake's own guide")
BAD_GUIDE = GUIDE.replace('kind = "closing"', 'kind = "talk"')


def one_line_error(result, code: int = 2) -> str:
    """The contract for a refused command: the code, one 'facilitator:' line, no traceback."""
    assert result.code == code, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("facilitator:")
    return lines[0]


def demo_id(cli) -> str:
    result = cli("demo")
    assert result.code == 0, result
    return result.out.strip()


# -- demo and sessions ----------------------------------------------------------------------

def test_demo_prints_one_integer_id(cli):
    first, second = cli("demo"), cli("demo")
    assert (first.code, second.code) == (0, 0)
    assert first.out.strip().isdigit() and first.out == f"{int(first.out)}\n"
    assert int(second.out) != int(first.out)


def test_sessions_lists_the_demo(cli):
    session_id = demo_id(cli)
    result = cli("sessions")
    assert result.code == 0
    header, *rows = result.out.splitlines()
    assert header.split()[:4] == ["ID", "TITLE", "GUIDE", "STATUS"]
    assert len(rows) == 1
    assert rows[0].split()[0] == session_id
    assert demo.TITLE[:30] in rows[0]
    assert "mediated-two-party" in rows[0] and "finished" in rows[0]


def test_sessions_json(cli):
    session_id = demo_id(cli)
    result = cli("sessions", "--json")
    assert result.code == 0
    rows = json.loads(result.out)
    assert len(rows) == 1
    row = rows[0]
    assert set(row) == {"id", "title", "guide", "mode", "status", "updated", "parties"}
    assert row["id"] == int(session_id)
    assert (row["title"], row["guide"], row["mode"], row["status"]) == (
        demo.TITLE, "mediated-two-party", "mediated", "finished")
    assert row["parties"] == [demo.A, demo.B]
    assert row["updated"]


# -- guides ---------------------------------------------------------------------------------

def test_guides_lists_the_shipped_guides(cli):
    result = cli("guides")
    assert result.code == 0 and result.err == ""
    listed = {line.split()[0] for line in result.out.splitlines()[1:]}
    assert listed == SHIPPED


def test_guides_json(cli):
    result = cli("guides", "--json")
    assert result.code == 0
    rows = json.loads(result.out)
    assert {row["id"] for row in rows} == SHIPPED
    assert {row["source"] for row in rows} == {"shipped"}


def test_user_guide_is_listed_and_broken_one_left_out_with_a_warning(cli):
    folder = cli.data / "guides"
    folder.mkdir(parents=True)
    (folder / "x.toml").write_text(GUIDE, encoding="utf-8")
    broken = folder / "broken.toml"
    broken.write_text(BAD_GUIDE, encoding="utf-8")
    result = cli("guides", "--json")
    assert result.code == 0
    sources = {row["id"]: row["source"] for row in json.loads(result.out)}
    assert sources == {**{g: "shipped" for g in SHIPPED}, "x-user-guide": "user"}
    assert result.err.splitlines() == [
        f'facilitator: warning: {broken}: steps[1].kind: unknown kind "talk" (guide left out)']


def test_guides_check_valid_file(cli, tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GUIDE, encoding="utf-8")
    result = cli("guides", "check", str(path))
    assert result.code == 0 and result.err == ""
    assert result.out.startswith(f"{path}: ok")


def test_guides_check_shipped_files_pass(cli, library):
    folder = Path(__file__).parents[1] / "guides"
    files = [str(folder / Path(g.path).name) for g in library.guides.values()
             if g.source == "shipped"]
    result = cli("guides", "check", *files)
    assert result.code == 0, result.err
    assert len(result.out.splitlines()) == len(files) == 4


def test_guides_check_invalid_file_names_file_and_key_path(cli, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD_GUIDE, encoding="utf-8")
    result = cli("guides", "check", str(path))
    assert result.code == 2
    assert f'{path}: steps[1].kind: unknown kind "talk"' in result.err.splitlines()
    assert "Traceback" not in result.err


def test_guides_check_reports_the_good_file_among_bad_ones(cli, tmp_path):
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(GUIDE, encoding="utf-8")
    bad.write_text(BAD_GUIDE, encoding="utf-8")
    result = cli("guides", "check", str(bad), str(good))
    assert result.code == 2
    assert result.out.startswith(f"{good}: ok")
    assert f'{bad}: steps[1].kind: unknown kind "talk"' in result.err
    assert str(good) not in result.err


def test_guides_check_without_files(cli):
    assert "FILE" in one_line_error(cli("guides", "check"))


# -- where the options stand, and where the data lives --------------------------------------

@pytest.mark.parametrize("demo_before, list_before", list(itertools.product([True, False],
                                                                            repeat=2)))
def test_data_dir_before_or_after_the_command(cli, tmp_path, demo_before, list_before):
    folder = str(tmp_path / "elsewhere")

    def argv(command, before):
        return ["--data-dir", folder, command] if before else [command, "--data-dir", folder]

    made = cli(*argv("demo", demo_before), data_dir=None)
    assert made.code == 0
    assert (tmp_path / "elsewhere" / "facilitator.db").exists()
    assert not cli.data.exists()
    listed = cli(*argv("sessions", list_before), "--json", data_dir=None)
    assert [row["id"] for row in json.loads(listed.out)] == [int(made.out)]


def test_environment_variable_sets_the_folder(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "from-env"))
    assert cli("demo", data_dir=None).code == 0
    assert (tmp_path / "from-env" / "facilitator.db").exists()
    assert len(json.loads(cli("sessions", "--json", data_dir=None).out)) == 1


def test_data_dir_option_wins_over_the_environment(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "from-env"))
    assert cli("demo").code == 0
    assert (cli.data / "facilitator.db").exists()
    assert not (tmp_path / "from-env").exists()


@pytest.mark.parametrize("argv", [["--passphrase-stdin", "sessions"],
                                  ["sessions", "--passphrase-stdin"]])
def test_passphrase_stdin_with_empty_input_exits_3(cli, argv):
    line = one_line_error(cli(*argv, stdin=""), code=3)
    assert "passphrase" in line


# -- refused input: exit 2, one line ---------------------------------------------------------

@pytest.fixture
def files(tmp_path):
    (tmp_path / "hello.json").write_text("hello, not JSON", encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "object.json").write_text('{"title": "Avery"}', encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


@pytest.mark.parametrize("argv, named", [
    (["frobnicate"], "frobnicate"),
    (["export", "1", "-o", "{tmp}/x.json"], "--format"),
    (["export", "1", "--format", "docx", "-o", "{tmp}/x.docx"], "docx"),
    (["export", "1", "--format", "pdf", "-o", "-"], "standard output"),
    (["export", "abc", "--format", "json", "-o", "{tmp}/x.json"], "abc"),
    (["export", "999", "--format", "json", "-o", "{tmp}/x.json"], "999"),
    (["import", "{tmp}/missing.json"], "missing.json"),
    (["import", "{tmp}/hello.json"], "hello.json: is not valid JSON"),
    (["import", "{tmp}/list.json"], "list.json: is not a session bundle"),
    (["import", "{tmp}/object.json"], "object.json: format"),
    (["export", "1", "--format", "json", "-o", "{tmp}/folder"], "folder"),
], ids=["unknown-command", "no-format", "docx", "pdf-to-stdout", "non-numeric-id",
        "unknown-id", "missing-file", "not-json", "json-list", "json-not-bundle",
        "output-is-folder"])
def test_bad_input_exits_2_with_one_line(cli, files, argv, named):
    demo_id(cli)  # session 1 exists, so only the named problem is wrong
    result = cli(*[a.replace("{tmp}", str(files)) for a in argv])
    assert named in one_line_error(result)


def test_export_to_a_folder_leaves_it_alone(cli, files):
    cli("export", demo_id(cli), "--format", "json", "-o", str(files / "folder"))
    assert (files / "folder").is_dir() and list((files / "folder").iterdir()) == []


def test_superscript_digit_id_is_bad_input(cli):
    demo_id(cli)
    one_line_error(cli("export", "²", "--format", "json", "-o", "-"))


def test_data_dir_that_is_a_file_is_bad_input(cli, tmp_path):
    path = tmp_path / "not-a-folder"
    path.write_text("Avery", encoding="utf-8")
    assert "not-a-folder" in one_line_error(cli("sessions", data_dir=path))


# -- export ---------------------------------------------------------------------------------

def test_export_json_to_a_file(cli, tmp_path):
    path = tmp_path / "out" / "bundle.json"
    path.parent.mkdir()
    result = cli("export", demo_id(cli), "--format", "json", "-o", str(path))
    assert (result.code, result.out, result.err) == (0, "", "")
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert (bundle["format"], bundle["version"]) == ("facilitator-session", 1)
    assert bundle["session"]["title"] == demo.TITLE


def test_export_to_stdout_matches_the_file(cli, tmp_path):
    session_id = demo_id(cli)
    path = tmp_path / "bundle.json"
    cli("export", session_id, "--format", "json", "-o", str(path))
    result = cli("export", session_id, "--format", "json", "-o", "-")
    assert result.code == 0 and result.err == ""
    assert json.loads(result.out)["format"] == "facilitator-session"
    assert result.out == path.read_text(encoding="utf-8")


def test_export_replaces_an_existing_file_and_leaves_no_temporary_files(cli, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "bundle.json"
    path.write_text("an older, longer file that must be gone " * 1000, encoding="utf-8")
    session_id = demo_id(cli)
    for _ in range(2):
        assert cli("export", session_id, "--format", "json", "-o", str(path)).code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in folder.iterdir()] == ["bundle.json"]


# -- the program as a whole -----------------------------------------------------------------

def test_main_py_runs_as_a_program(cli):
    session_id = demo_id(cli)
    env = {k: v for k, v in os.environ.items()
           if k not in ("FACILITATOR_DATA_DIR", "FACILITATOR_DEBUG")}
    done = subprocess.run([sys.executable, "main.py", "sessions", "--data-dir", str(cli.data)],
                          cwd=Path(__file__).parents[1], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].split()[0] == session_id
    assert demo.TITLE[:30] in done.stdout


def test_unexpected_error_exits_1_with_one_line(cli, monkeypatch):
    def broken(*args):
        raise RuntimeError("the cupboard is bare")

    monkeypatch.delenv("FACILITATOR_DEBUG", raising=False)
    monkeypatch.setitem(facilitator.cli._COMMANDS, "sessions", broken)
    line = one_line_error(cli("sessions"), code=1)
    assert "RuntimeError" in line and "the cupboard is bare" in line
