"""Export and import of the history: JSON (lossless, re-importable) and Markdown (for reading).

Everything here goes through the Store's public parts; the Store itself knows nothing of files.
"""

from desktop.core.store.transfer.export import export_json, write_json
from desktop.core.store.transfer.format import EXPORT_FORMAT, EXPORT_VERSION, InvalidExportFile, load_export
from desktop.core.store.transfer.importer import import_json
from desktop.core.store.transfer.markdown import export_markdown, write_markdown

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "InvalidExportFile",
    "export_json",
    "export_markdown",
    "import_json",
    "load_export",
    "write_json",
    "write_markdown",
]
