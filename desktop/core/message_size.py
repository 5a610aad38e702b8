"""How long the text of one message written in the window may be, and so each chat's unsent draft.

Coze documents no length for a question's text, and neither official SDK (cozepy, coze-js) nor the local
server checks one (coze-js's chat box sets no maxlength; the open-source Coze Studio keeps a message's content
in a MySQL MEDIUMTEXT, 16 MiB, and takes request bodies up to 200 MB: a 4 MB question is accepted, so nothing
is refused before sending); what bounds it is the bot's model, whose context a question of 20,000 characters (some
10,000-20,000 tokens) already fills for many. Text beyond that is what files are for: a longer paste goes
in as an attached text file (ui/composer.py), and no draft kept in drafts.json is longer (services/draft.py).
Before the bound, a 6.6 MB paste took the window from 120 to 218 MB (BENCHMARKS.md, "An enormous paste").
"""

from __future__ import annotations

MAX_MESSAGE_CHARS = 20_000
