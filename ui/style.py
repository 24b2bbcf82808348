"""The calm look: spacing, rounded chips and a large turn banner, all in the palette's own
colours so the system's light or dark scheme is followed, and sizes relative to the system font.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def stylesheet(base_points: float) -> str:
    def pt(factor: float) -> str:
        return f"{base_points * factor:.1f}pt"

    return f"""
    QLabel[role="title"] {{ font-size: {pt(1.5)}; font-weight: 600; }}
    QLabel[role="heading"] {{ font-size: {pt(1.25)}; font-weight: 600; }}
    QLabel[role="group"] {{ font-weight: 600; }}
    QLabel[role="words"] {{ font-size: {pt(1.1)}; }}
    QLabel[role="welcome"] {{ font-size: {pt(1.3)}; margin: 24px 64px; }}
    QLabel[role="banner"] {{
        font-size: {pt(1.3)}; font-weight: 600; padding: 10px;
        border-radius: 10px; background: palette(alternate-base);
    }}
    QLabel[role="banner"][large="true"] {{ font-size: {pt(2.0)}; padding: 18px; }}
    QLabel[role="cue"] {{
        padding: 8px; border-left: 4px solid palette(highlight);
        background: palette(alternate-base);
    }}
    QLabel[role="safety"] {{
        padding: 12px; border: 2px solid palette(highlight); border-radius: 8px;
    }}
    QLabel[role="preview"] {{
        font-size: {pt(1.15)}; padding: 10px;
        border-radius: 8px; background: palette(alternate-base);
    }}
    QLabel[role="missing"] {{ font-weight: 600; }}
    QLabel[role="hint"] {{ color: palette(placeholder-text); }}
    QPushButton[rating="true"] {{ min-width: 2.2em; padding: 4px; }}
    QPushButton[rating="true"]:checked {{
        background: palette(highlight); color: palette(highlighted-text);
    }}
    QPushButton[primary="true"] {{ font-weight: 600; padding: 6px 14px; }}
    """


def apply(app: QApplication) -> None:
    app.setStyleSheet(stylesheet(app.font().pointSizeF() or 10.0))
