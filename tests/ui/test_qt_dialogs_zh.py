"""Qt's own dialogs and menus speak Chinese in the zh_CN UI (#17 item 8).

Each of Qt's non-native dialogs (the ones the app gets on Linux: the bundle ships no platform theme) is
opened under zh_CN and every text a person reads in it (labels, buttons, tool tips, menu entries,
column headers, the window title) is searched for English words. Before desktop/ui/qt_catalog_gaps.py,
the file dialog's "&Look in:" and "Files of &type:" stayed English: Qt 6 renamed them and
qtbase_zh_CN.qm only knows the old texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.qt_catalog_gaps import QT_GAPS

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
NOT_WORDS = {"HTML"}  # the colour dialog's "HTML(&H)：" names the notation, it is not English


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[QApplication]:
    locale = QLocale()
    assert i18n.install_translators(qapp, "zh_CN") == "zh"
    yield qapp
    i18n.install_translators(qapp, "en")
    QLocale.setDefault(locale)


def readable_texts(widget: QWidget) -> list[str]:
    """What a person reads in `widget` and its children (not what they typed or chose: paths, fonts)."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, (QTreeView, QTableView)) and child.model() is not None:  # column headers
            model = child.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
        texts.append(child.toolTip())
    texts += [action.text() for action in widget.findChildren(QAction)]
    return [text for text in texts if text]


def english_in(texts: list[str]) -> list[str]:
    return [text for text in texts if any(word not in NOT_WORDS for word in ENGLISH_WORD.findall(text))]


def _file_dialog(mode: QFileDialog.AcceptMode, file_mode: QFileDialog.FileMode) -> QDialog:
    dialog = QFileDialog(None, "", "", "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    dialog.setFileMode(file_mode)
    return dialog


def _color_dialog() -> QDialog:
    dialog = QColorDialog()
    dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    return dialog


def _font_dialog() -> QDialog:
    dialog = QFontDialog()
    dialog.setOption(QFontDialog.FontDialogOption.DontUseNativeDialog)
    return dialog


def _message_box() -> QDialog:
    buttons = QMessageBox.StandardButton
    every = buttons.NoButton
    for button in (buttons.Ok, buttons.Save, buttons.Open, buttons.Yes, buttons.No, buttons.Abort, buttons.Retry):
        every |= button
    for button in (buttons.Ignore, buttons.Close, buttons.Cancel, buttons.Discard, buttons.Help, buttons.Apply):
        every |= button
    box = QMessageBox(QMessageBox.Icon.Warning, "", "", every | buttons.Reset | buttons.RestoreDefaults)
    box.setDetailedText("…")  # adds the "Show Details…" button
    return box


def _progress_dialog() -> QDialog:
    return QProgressDialog()


def _input_dialog() -> QDialog:
    return QInputDialog()


DIALOGS: dict[str, Callable[[], QDialog]] = {
    "file open": lambda: _file_dialog(QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.ExistingFiles),
    "file save": lambda: _file_dialog(QFileDialog.AcceptMode.AcceptSave, QFileDialog.FileMode.AnyFile),
    "folder": lambda: _file_dialog(QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.Directory),
    "colour": _color_dialog,
    "font": _font_dialog,
    "message box": _message_box,
    "progress": _progress_dialog,
    "input": _input_dialog,
}


@pytest.mark.parametrize("name", DIALOGS)
def test_qt_dialogs_have_no_english_in_chinese(chinese: QApplication, qtbot: QtBot, name: str) -> None:
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = readable_texts(dialog)
    assert texts  # the walk found the dialog's words at all
    assert english_in(texts) == []


def test_the_file_dialogs_labels_that_qts_catalog_lacks(chinese: QApplication, qtbot: QtBot) -> None:
    dialog = _file_dialog(QFileDialog.AcceptMode.AcceptSave, QFileDialog.FileMode.AnyFile)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert labels["fileNameLabel"] == "文件名称(&N)："  # Qt's own catalog


def test_every_gap_is_translated_and_english_stays_english(qapp: QApplication, chinese: QApplication) -> None:
    for context, source in QT_GAPS:
        assert not ENGLISH_WORD.search(QCoreApplication.translate(context, source).replace("&", "")), source
    i18n.install_translators(qapp, "en")
    assert [QCoreApplication.translate(context, source) for context, source in QT_GAPS] == [s for _c, s in QT_GAPS]


@pytest.mark.parametrize("editor", [QLineEdit, QPlainTextEdit, QTextEdit])
def test_the_editing_context_menus_are_chinese(
    chinese: QApplication, qtbot: QtBot, editor: type[QLineEdit | QPlainTextEdit | QTextEdit]
) -> None:
    widget = editor()
    qtbot.addWidget(widget)
    widget.setPlainText("复制") if not isinstance(widget, QLineEdit) else widget.setText("复制")
    menu = widget.createStandardContextMenu()
    assert menu is not None
    entries = [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    assert entries[:2] == ["撤消(&U)", "重做(&R)"]
    assert "粘贴(&P)" in entries and "全选" in entries
    assert english_in(entries) == []
    menu.deleteLater()


def test_a_chosen_language_other_than_the_systems_uses_qts_own_dialogs(qapp: QApplication) -> None:
    """A native dialog speaks the system's language; Qt's speak the one chosen in Settings."""
    locale = QLocale()
    system = i18n.effective_language("system")
    other = "en" if system == "zh" else "zh_CN"
    same = "zh_CN" if system == "zh" else "en"
    try:
        i18n.install_translators(qapp, other)
        assert qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        i18n.install_translators(qapp, same)
        assert not qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        i18n.install_translators(qapp, "system")
        assert not qapp.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    finally:
        i18n.install_translators(qapp, "en")
        qapp.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
        QLocale.setDefault(locale)
