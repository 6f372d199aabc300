from typing import Literal

ConversationState = Literal["ai-chatting", "ended_chat", "human-chatting", "requested_chat"]

CONVERSATION_STATE_VALUES: set[ConversationState] = {
    "ai-chatting",
    "ended_chat",
    "human-chatting",
    "requested_chat",
}


def check_conversation_state(value: str) -> ConversationState:
    if value in CONVERSATION_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONVERSATION_STATE_VALUES!r}")
