"""What a Coze error that ends an answer partway is called. Once answer text (or a tool step) was shown nothing is
sent again (the answer would double), so the sentence says what arrived is kept and what the person does next."""

from __future__ import annotations

import logging

from desktop.core.coze import CozeClient
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.stream import ChatStream
from desktop.core.destination import CredentialError

log = logging.getLogger(__name__)


def partway_kind(client: CozeClient, error: CozeError, stream: ChatStream | None) -> ErrorKind:
    """The kind `error` gets when it ended `stream` after something was shown. Busy or rate-limited: BUSY_PARTWAY
    (not retried, unlike before the answer). A 4100: for a personal access token, it expired or was revoked; for a
    signed-in account, its access token is renewed now, as coze-js chat-sdk does for an `error` event mid-stream
    (async-send-message.ts:150-161: refreshed, shown, not resent), so the next question goes through, unless its
    refresh token is dead too (sign in again)."""
    if error.retryable:
        return ErrorKind.BUSY_PARTWAY
    if error.kind is not ErrorKind.INVALID_TOKEN:
        return error.kind
    if not client.renews_tokens:
        return ErrorKind.TOKEN_ENDED_PARTWAY
    try:
        if stream is not None:
            client.renew_after(error, stream)
    except CozeError as exc:
        log.info("the sign-in was not renewed after a 4100 partway: %s", exc.summary())
        if exc.kind is ErrorKind.SIGNED_OUT:
            return ErrorKind.SIGNED_OUT_PARTWAY
    except CredentialError as exc:  # the keyring could not be read: the next question renews or says why
        log.info("the sign-in was not renewed after a 4100 partway: %s", exc)
    return ErrorKind.SIGN_IN_EXPIRED_PARTWAY
