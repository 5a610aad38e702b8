"""OAuth client ids preset by whoever packages the app, per API base.

A distributor who registers a Coze OAuth app (app type 普通, client type "TV端/设备应用/类命令行程序")
puts its client id here before building, so users can sign in without creating their own app.
Empty in the source tree: this project has no OAuth app of its own, and the id hard-coded in the
official SDK's example CLI belongs to another application.
"""

from __future__ import annotations

PRESET_CLIENT_IDS: dict[str, str] = {}
