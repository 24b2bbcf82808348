"""Render the screenshots in docs/screenshots/ from the running app (offscreen).

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [OUT_DIR]

Home (empty and with sessions), the new-session dialog, and one screen per step kind, taken
from the sample session and from a self-guided couples session between invented people.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

SIZE = (1280, 800)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from facilitator.demo import add_demo
    from facilitator.runner import Runner
    from ui import style
    from ui.app import build
    from ui.new_session import NewSessionDialog

    style.apply(app)
    with tempfile.TemporaryDirectory() as folder:
        presenter, window = build(Path(folder))
        window.resize(*SIZE)
        window.show()

        def shot(name: str, widget=None) -> None:
            for _ in range(3):  # layouts settle over a few passes (scroll bars, wrapping)
                app.processEvents()
            (widget or window).grab().save(str(out / f"{name}.png"))
            print(out / f"{name}.png")

        shot("home-empty")
        dialog = NewSessionDialog(presenter, window)
        dialog.a.setText("Sam")
        dialog.b.setText("Alex")
        dialog.topic.setText("Weekends and the in-laws")
        dialog.show()
        shot("new-session", dialog)
        dialog.close()

        demo = add_demo(presenter.store, presenter.library, review=False)
        couple = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                              mode="self-guided", a="Sam", b="Alex",
                              title="Weekends and the in-laws")
        presenter.sessions_changed.emit()
        shot("home")

        presenter.open_session(demo)
        presenter.go_to(presenter.runner.position - 3)  # the options, with the notes beside
        window.party_action.trigger()
        shot("party-view")
        window.party_action.blockSignals(True)
        window.party_action.setChecked(False)
        window.party_action.blockSignals(False)
        presenter.set_party_view(False)
        shot("mediator-view")
        window.lock()
        shot("locked")
        window.cover.show_button.click()
        from ui.settings import SettingsDialog

        settings = SettingsDialog(presenter, window)
        settings.show()
        shot("settings", settings)
        settings.close()
        presenter.open_session(demo)
        runner = presenter.runner
        seen = set()
        for index in range(len(runner.stages) - 1, -1, -1):  # every step, whatever is open
            presenter.go_to(index)
            kind = presenter.stage.kind
            if kind not in seen or (kind == "reflection" and presenter.stage.speaker == "a"):
                seen.add(kind)
                shot(f"step-{kind}")
        presenter.open_session(add_demo(presenter.store, presenter.library))
        shot("step-review-closing")
        presenter.go_to(1)
        shot("step-review")

        presenter.open_session(couple.session.id)
        shot("self-guided-handoff")
        screening = window.session_view.screen("screening")
        screening.continue_button.click()
        shot("self-guided-screening")
        while presenter.stage.kind != "statement":
            _satisfy(presenter.runner)
            presenter.advance()
        presenter.act(lambda r: r.edit_statement(
            observation="I found out on Friday that your parents are staying the whole "
                        "weekend", feelings=["hurt", "overwhelmed"],
            needs=["having a say", "rest"],
            request="check with me before we say yes to a visit"))
        window.session_view.screen("statement").refresh()
        shot("self-guided-statement")
        presenter.flush()
        _mechanics(presenter, window, shot)
        presenter.open_session(add_demo(presenter.store, presenter.library))
        _plan_pages(presenter, out)
        presenter.close_session()
        presenter.store.close()


def _mechanics(presenter, window, shot) -> None:
    """The tone coach, a break, the balance of talk time, the chart and the safety stop."""
    from facilitator.demo import add_demo
    from facilitator.runner import Runner

    couple = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                          mode="self-guided", a="Sam", b="Alex", title="Weekends")
    while couple.stage.kind != "statement":
        _satisfy(couple)
        couple.advance()
    presenter.open_session(couple.session.id)
    presenter.act(lambda r: r.edit_statement(
        observation="You never ask me before inviting your parents, you are so selfish",
        feelings=["hurt"], request="stop doing that"))
    window.session_view.screen("statement")._update_coach()
    shot("tone-coach")
    window.session_view.pause.click()
    shot("break")
    window.session_view.break_screen.ready.click()
    first = add_demo(presenter.store, presenter.library)
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    presenter.go_to(4)
    shot("fair-turns")
    presenter.open_session(first)
    scroll = window.session_view.holder.parentWidget().parentWidget()
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    shot("checkin-chart")
    stop = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                        mode="self-guided", a="Sam", b="Alex", title="Weekends again")
    questions = stop.stage.step.questions
    for party in "ab":
        for q in questions:
            worry = party == "b" and q is questions[0]
            stop.answer_screening(party, q.id, q.concern if worry else
                                  ("no" if q.concern == "yes" else "yes"))
    presenter.open_session(stop.session.id)
    shot("safety-stop")


def _plan_pages(presenter, out: Path) -> None:
    """The demo's plan as a PDF, its pages turned into PNGs by pdftoppm (poppler-utils)."""
    import shutil
    import subprocess

    pdf = out / "plan.pdf"
    presenter.export("pdf", str(pdf))
    if shutil.which("pdftoppm"):
        for old in out.glob("plan-page-*.png"):  # a shorter plan leaves no stale last page
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out / "plan-page")],
                       check=True)
        for page in sorted(out.glob("plan-page-*.png")):
            print(page)
    pdf.unlink()


def _satisfy(runner) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from steps import satisfy

    satisfy(runner)


if __name__ == "__main__":
    main()
