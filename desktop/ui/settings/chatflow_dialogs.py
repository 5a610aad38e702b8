"""The Bots page's dialogs for chatflows: add one by its IDs, and edit its input parameters.

Parameters are key/value rows (sent as `parameters` with every chat to it): Coze's API documents no
description of a chatflow's inputs that an SDK reads, so the rows are free, one name and one string
value each. Empty names are dropped; a name given twice keeps its last value.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.targets import chatflow_key
from desktop.ui.settings.widgets import hint_label


class ParametersDialog(QDialog):
    def __init__(self, name: str, values: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Parameters of “{0}”").format(name))
        self.resize(480, 360)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for key, value in values.items():
            self.add_row(key, value)
        self.add = QPushButton(self.tr("&Add parameter"))
        self.add.clicked.connect(lambda: self.add_row("", "", edit=True))
        self.remove = QPushButton(self.tr("&Remove"))
        self.remove.clicked.connect(self._remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(self.tr("Sent as the chatflow's input parameters with every message to it. Values are text."))
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def add_row(self, key: str, value: str, *, edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(key)
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(value))
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(name)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def values(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            key_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            key = key_item.text().strip() if key_item is not None else ""
            if key:
                found[key] = value_item.text() if value_item is not None else ""
        return found


class ChatflowIdDialog(QDialog):
    """A chatflow by its IDs: the workflow, and the app or the bot it runs in (as Coze needs exactly one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a chatflow"))
        self.workflow = QLineEdit()
        self.workflow.setPlaceholderText(self.tr("Workflow ID, e.g. 7450000000000000000"))
        self.host = QComboBox()
        self.host.addItem(self.tr("In an app"), "app")
        self.host.addItem(self.tr("In a bot"), "bot")
        self.host_id = QLineEdit()
        self.host_id.setPlaceholderText(self.tr("App or bot ID"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Workflow ID:"), self.workflow)
        form.addRow(self.tr("&Runs:"), self.host)
        form.addRow(self.tr("&ID:"), self.host_id)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            hint_label(
                self.tr(
                    "The IDs are the numbers in the addresses of the chatflow and of its app (or bot) in Coze. "
                    "The chatflow must be published (an app's, as an API service)."
                )
            )
        )
        layout.addWidget(self.buttons)
        for edit in (self.workflow, self.host_id):
            edit.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(420)

    def _ids(self) -> tuple[str, str] | None:
        workflow, host = self.workflow.text().strip(), self.host_id.text().strip()
        if not workflow or not host or any(c.isspace() for c in workflow + host):
            return None
        return workflow, host

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._ids() is not None)

    def key(self) -> str | None:
        """The chatflow as a chat target key (None until both IDs are typed)."""
        ids = self._ids()
        if ids is None:
            return None
        workflow, host = ids
        in_app = self.host.currentData() == "app"
        return chatflow_key(workflow, app_id=host if in_app else "", bot_id="" if in_app else host)
