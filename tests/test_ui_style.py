"""The look: sizes relative to the system font, cards and hints in the palette's colours at
paint time (so a scheme changed while the app is open is followed), flat scroll bars."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QScrollBar, QWidget

from ui import style
from ui.fields import RatingScale
from ui.text import plain


def _palette(**colours: str) -> QPalette:
    palette = QPalette(QApplication.palette())
    for role, colour in colours.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def _pixel(widget: QWidget, x: int, y: int) -> str:
    return widget.grab().toImage().pixelColor(x, y).name()


def test_roles_scale_with_the_system_font(qtbot):
    base = QApplication.font().pointSizeF()
    title = plain("Weekends", "title")
    hint = plain("optional", "hint")
    qtbot.addWidget(title)
    assert title.font().pointSizeF() == base * 1.5 and title.font().bold()
    assert hint.font().pointSizeF() == base and not hint.font().bold()
    assert hint.foregroundRole() == QPalette.ColorRole.PlaceholderText  # a role, not a colour


def test_a_card_is_painted_in_the_palette_it_has_when_painted(qtbot):
    card = plain("When the car came back empty, I felt let down.", "preview")
    qtbot.addWidget(card)
    card.resize(400, 80)
    card.setPalette(_palette(AlternateBase="#203040"))
    assert _pixel(card, 200, 4) == "#203040"
    card.setPalette(_palette(AlternateBase="#f4efe6"))  # the scheme changed
    assert _pixel(card, 200, 4) == "#f4efe6"
    assert _pixel(card, 0, 0) != "#f4efe6"  # rounded: the corner is left out


def test_the_mediator_cue_is_marked_on_the_left(qtbot):
    cue = plain("Ask what each would lose.", "cue")
    qtbot.addWidget(cue)
    cue.resize(300, 60)
    cue.setPalette(_palette(AlternateBase="#eeeeee", Highlight="#2255aa"))
    assert _pixel(cue, 3, 30) == "#2255aa"
    assert _pixel(cue, 150, 4) == "#eeeeee"


def test_a_picked_rating_is_highlighted_and_follows_a_new_scheme(qtbot):
    scale = RatingScale("How calm", "tense", "calm")
    qtbot.addWidget(scale)
    scale.set_value(3)
    picked, other = scale.buttons[2], scale.buttons[0]
    highlight = QApplication.palette().color(QPalette.ColorRole.Highlight)
    assert picked.palette().color(QPalette.ColorRole.Button) == highlight
    assert other.palette().color(QPalette.ColorRole.Button) != highlight
    original = QApplication.palette()
    try:
        QApplication.setPalette(_palette(Highlight="#7a3b9c"))  # told to widgets a moment later
        qtbot.waitUntil(lambda: picked.palette().color(QPalette.ColorRole.Button)
                        == QColor("#7a3b9c"))
        scale.set_value(1)
        assert picked.palette().color(QPalette.ColorRole.Button) != QColor("#7a3b9c")
        assert other.palette().color(QPalette.ColorRole.Button) == QColor("#7a3b9c")
    finally:
        QApplication.setPalette(original)


def test_scroll_bars_are_flat_in_the_palette_s_colours(qtbot):
    assert isinstance(QApplication.style(), style.Look)  # offscreen Qt uses Fusion
    assert QApplication.instance().styleSheet() == ""
    bar = QScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    bar.setRange(0, 100)
    bar.setPageStep(100)  # the handle fills half the groove
    bar.resize(16, 300)
    bar.setPalette(_palette(Window="#fafafa", Mid="#888888"))
    handle = bar.style().subControlRect(style.QStyle.ComplexControl.CC_ScrollBar,
                                        _option(bar), style.QStyle.SubControl.SC_ScrollBarSlider,
                                        bar)
    assert _pixel(bar, handle.center().x(), handle.center().y()) == "#888888"
    assert _pixel(bar, 1, handle.center().y()) == "#fafafa"  # flat: no gradient, no frame
    assert _pixel(bar, 8, handle.bottom() + 20) == "#fafafa"


def _option(bar: QScrollBar):
    from PySide6.QtWidgets import QStyleOptionSlider

    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    return option


def test_a_wrapped_label_measures_its_new_words_not_its_old_ones(qtbot):
    label = plain("Short.")
    qtbot.addWidget(label)
    short = label.heightForWidth(120)
    label.setText("A much longer paragraph of words, which has to wrap onto several lines "
                  "when there are only a hundred and twenty pixels for it.")
    assert label.heightForWidth(120) > short
    assert label.sizeHint().width() > plain("Short.").sizeHint().width()
    label.setText("Short.")
    assert label.heightForWidth(120) == short
    style.set_role(label, "title")  # a larger font: measured again
    assert label.heightForWidth(120) > short


def test_only_the_shown_page_is_laid_out_and_the_focus_follows(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from ui.pages import Pages

    pages = Pages()
    qtbot.addWidget(pages)
    first, second = QLineEdit(), QLineEdit()
    second.setMinimumHeight(500)  # a tall page that must not stretch the shown one
    assert pages.addWidget(first) == 0 and pages.addWidget(second) == 1
    pages.show()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    assert pages.currentWidget() is first and second.isHidden()
    assert pages.minimumSizeHint().height() < 500
    pages.setCurrentWidget(second)
    assert pages.currentIndex() == 1 and first.isHidden() and second.isVisible()
    qtbot.waitUntil(second.hasFocus)
    assert pages.indexOf(first) == 0 and pages.count() == 2 and pages.widget(2) is None
