"""What the controller needs to ask a stored question again (retry, regenerate): the question itself, and
what to send with it."""

from __future__ import annotations

from desktop.core.attachments.copies import LocalCopies, files_to_send
from desktop.core.attachments.local import LocalFile
from desktop.core.store import Store
from desktop.core.store.models import Message
from desktop.core.vocabulary import Role


def to_send(store: Store, copies: LocalCopies | None, question: Message) -> tuple[str, list[LocalFile], dict[str, str]]:
    """A stored question's text, files (local copies; Coze's own by id) and the file_ids to reuse."""
    recorded = store.attachments.file_ids(question.id)
    return files_to_send(question.content, question.content_type, copies, recorded)


def question_before(store: Store, conversation_id: int, answer_id: int) -> Message | None:
    """The question `answer_id` answered: the last user message before it."""
    for message in reversed(store.messages.page(conversation_id, limit=50, before_id=answer_id)):
        if message.role == Role.USER:
            return message
    return None
