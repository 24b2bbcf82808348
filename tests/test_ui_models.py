"""The Qt models behind the session list, the progress list and the notes, checked with
pytest-qt's model tester and against what they show."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import add_demo
from ui.models import ID_ROLE, STATE_ROLE, NotesModel, SessionListModel, StagesModel


def test_the_session_list_model_pages_through_many_sessions(qtmodeltester, store, library):
    ids = [add_demo(store, library, review=False) for _ in range(5)]
    model = SessionListModel(store.list_sessions, {"mediated-two-party": "Mediated"})
    model.PAGE = 2
    model.reload()
    assert model.rowCount() == 2 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert [model.index(r, 0).data(ID_ROLE) for r in range(5)] == ids[::-1]
    assert model.index(0, 2).data() == "Mediated"
    assert model.index(0, 3).data() == "Finished"
    qtmodeltester.check(model)
    model.reload("no such words")
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_the_stages_model_marks_done_current_and_to_come(qtmodeltester):
    model = StagesModel()
    model.set_stages(["Ground rules", "Check-in", "Your side — Avery"], 1, False)
    assert [model.index(r).data(STATE_ROLE) for r in range(3)] == ["done", "current",
                                                                    "to come"]
    assert model.index(2).flags() == model.index(2).flags().NoItemFlags
    qtmodeltester.check(model)
    model.set_stages(["Ground rules", "Check-in", "Your side — Avery"], 2, True)
    assert model.index(2).data(STATE_ROLE) == "done"
    qtmodeltester.check(model)


def test_moving_on_repaints_only_the_stages_whose_mark_changed(qtbot):
    model = StagesModel()
    labels = [f"Stage {n}" for n in range(12)]
    model.set_stages(labels, 4, False, reachable=9)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_stages(labels, 5, False, reachable=9)
    first, last = changed.args[0].row(), changed.args[1].row()
    assert (first, last) == (4, 5)
    assert model.index(5).data().startswith("▸") and model.index(4).data().startswith("✓")
    with qtbot.assertNotEmitted(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.set_stages(labels, 5, False, reachable=9)


def test_stages_to_come_are_greyed_in_the_scheme_in_use_when_drawn(qtbot):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    model = StagesModel()
    model.set_stages(["Ground rules", "Check-in", "Closing"], 0, False)
    original = QApplication.palette()
    try:
        changed = QPalette(original)
        changed.setColor(QPalette.ColorRole.PlaceholderText, QColor("#3a6b4c"))
        QApplication.setPalette(changed)  # the system switched to another scheme
        assert model.index(2).data(Qt.ItemDataRole.ForegroundRole) == QColor("#3a6b4c")
        assert model.index(0).data(Qt.ItemDataRole.ForegroundRole) is None  # current: not grey
    finally:
        QApplication.setPalette(original)


def test_the_notes_model_hides_private_notes_in_the_party_view(qtmodeltester, store, library):
    session = store.load_session(add_demo(store, library))
    model = NotesModel()
    model.set_notes(session.notes, show_private=True)
    everything = model.rowCount()
    assert any(model.index(r).data().startswith("Private · ") for r in range(everything))
    qtmodeltester.check(model)
    model.set_notes(session.notes, show_private=False)
    assert 0 < model.rowCount() < everything
    assert not any("Private" in model.index(r).data() for r in range(model.rowCount()))
    qtmodeltester.check(model)
