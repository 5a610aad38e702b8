"""The UI language: Qt translators for our strings and Qt's own (standard buttons, context menus).

`install_translators(app, "system" | "zh_CN" | "en")` installs the Chinese catalogs when the effective
language is Chinese, sets the default QLocale to match and returns "zh" or "en" (the language of the
Coze error sentences, see desktop.core.coze.error_text). It can be called again: the translators it
installed before are removed first.

Catalogs: `resources/translations/coze_desktop_zh_CN.qm`, built by `tools/update_translations.py`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from desktop.core.language import choose_language
from desktop.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("system", "zh_CN", "en")
CATALOG = "coze_desktop_zh_CN.qm"
_TRANSLATOR_NAME = "coze-translator"


def effective_language(language: str, system: QLocale | None = None) -> str:
    """ "zh" or "en" for a Settings language value; "system" looks at the system locale."""
    if language in ("zh_CN", "en"):
        return choose_language(language, [])
    locale = system if system is not None else QLocale.system()
    return choose_language(language, locale.uiLanguages() or [locale.name()])


def current_language() -> str:
    """ "zh" or "en": the language of the default QLocale (what install_translators set)."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def _remove_ours(app: QCoreApplication) -> None:
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        QCoreApplication.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()


def _load(app: QCoreApplication, path: str, what: str) -> bool:
    translator = QTranslator(app)  # parented to the app: alive as long as it is installed
    translator.setObjectName(_TRANSLATOR_NAME)
    if not translator.load(path):
        log.warning("cannot load the %s translations from %s", what, path)
        translator.setParent(None)
        return False
    QCoreApplication.installTranslator(translator)
    return True


def install_translators(app: QCoreApplication, language: str) -> str:
    """Install the translators for `language`; returns the effective UI language, "zh" or "en"."""
    _remove_ours(app)
    effective = effective_language(language)
    if effective == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        catalog = resource_path("translations", CATALOG)
        if catalog.is_file():
            _load(app, str(catalog), "Coze Desktop")
        else:
            log.warning("the Chinese catalog %s is missing; run tools/update_translations.py", catalog)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = resource_path("translations", "qtbase_zh_CN.qm")  # a bundled copy wins, if packaged
        if not qtbase.is_file():
            qtbase = Path(qt_dir) / "qtbase_zh_CN.qm"
        if qtbase.is_file():
            _load(app, str(qtbase), "Qt")
    elif language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        QLocale.setDefault(QLocale.system())
    # A native file or colour dialog (Windows, macOS, a desktop's portal) speaks the system's language:
    # when the user chose another one, Qt's own dialogs, which speak the chosen one, are used instead.
    native = language == "system" or effective == effective_language("system")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, not native)
    return effective
