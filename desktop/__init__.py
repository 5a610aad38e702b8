"""Coze Desktop: a native desktop chat app for bots built on Coze (扣子)."""


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package's metadata on first use (importing the package
    itself loads nothing: the CLI's imports run with the collector off, see desktop/cli.py)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("coze-desktop")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        version = "0.0.0+source"
    globals()["__version__"] = version
    return version
