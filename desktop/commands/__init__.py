"""Command-line verbs of `coze-desktop`. Each module exposes `register(subparsers)`.

A verb's handler takes the parsed `argparse.Namespace` and returns the process exit code:
0 success, 1 a Coze/HTTP/stream/data error (one line on stderr, never a traceback), 2 a usage error.
"""
