"""Qt's own strings that Qt's Chinese catalog lacks, filed under Qt's own contexts so that our catalog
supplies them (the translators are searched newest first: qtbase_zh_CN.qm, then ours).

Why there are gaps: Qt 6 added shortcut markers to two labels of its file dialog ("Look in:" became
"&Look in:", "Files of type:" became "Files of &type:") and `qtbase_zh_CN.qm` still only translates the
old texts, so those two labels stayed English in an otherwise Chinese dialog. The list was measured by
opening every non-native Qt dialog under zh_CN and looking for English words
(tests/ui/test_qt_dialogs_zh.py does that on every run, so a Qt upgrade that opens a new gap fails it).

`QT_TRANSLATE_NOOP` marks the text for `pyside6-lupdate` with the context Qt asks for at run time; the
Chinese itself lives in resources/translations/zh_CN.json like every other string.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
)
