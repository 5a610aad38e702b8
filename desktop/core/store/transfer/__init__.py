"""Export and import of the history: JSON (lossless, re-importable) and Markdown (for reading).

Everything here goes through the Store's public parts; the Store itself knows nothing of files.
Writers walk the history one message at a time (walk.py) and report progress (progress.py).
"""

from desktop.core.store.transfer.export import export_json, write_json
from desktop.core.store.transfer.format import EXPORT_FORMAT, EXPORT_VERSION, InvalidExportFile, load_export
from desktop.core.store.transfer.importer import import_json
from desktop.core.store.transfer.markdown import export_markdown, write_markdown
from desktop.core.store.transfer.names import safe_file_name
from desktop.core.store.transfer.progress import Progress, TransferCancelled, no_progress
from desktop.core.store.transfer.walk import ChatWriter, FileWriter, walk

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "ChatWriter",
    "FileWriter",
    "InvalidExportFile",
    "Progress",
    "TransferCancelled",
    "export_json",
    "export_markdown",
    "import_json",
    "load_export",
    "no_progress",
    "safe_file_name",
    "walk",
    "write_json",
    "write_markdown",
]
