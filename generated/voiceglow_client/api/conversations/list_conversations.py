from typing import Any, cast

from ... import client as _vg_client
from ... import types as _vg
from ...errors import path_segment
from ...models.conversation_list_envelope import ConversationListEnvelope
from ...types import UNSET, Response, Unset
from .. import SuccessRange, build_response

_SUCCESSES: tuple[SuccessRange, ...] = ((200, 200, _vg.ModelRef(ConversationListEnvelope)),)
"""The documented successes; any other status raises its typed error."""


def _get_kwargs(
    agent_id: str,
    *,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agents/{agent_id}/convos".format(
            agent_id=path_segment(agent_id, "agent_id"),
        ),
        "params": params,
    }

    return _kwargs


def sync_detailed(
    agent_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[ConversationListEnvelope]:
    """List Conversations

     Lists the agent's conversations, a page at a time. Not on the VoiceGlow documentation
    page: from the third-party description, whose operation
    `conversationRouter-getAgentConvos` takes `page` and `limit` and answers rows that are
    the single-conversation call's conversations (each row's `ID` is its `convoId`).

    Args:
        agent_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        Response[ConversationListEnvelope]: the status, headers, raw body, parsed model and, for a
            lenient client, ``shape_problems``.
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        page=page,
        limit=limit,
    )
    response = client.request(**kwargs)
    return cast(Response[ConversationListEnvelope], build_response(client, response, _SUCCESSES))


def sync(
    agent_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> ConversationListEnvelope:
    """List Conversations

     Lists the agent's conversations, a page at a time. Not on the VoiceGlow documentation
    page: from the third-party description, whose operation
    `conversationRouter-getAgentConvos` takes `page` and `limit` and answers rows that are
    the single-conversation call's conversations (each row's `ID` is its `convoId`).

    Args:
        agent_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        ConversationListEnvelope
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        page=page,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> Response[ConversationListEnvelope]:
    """List Conversations

     Lists the agent's conversations, a page at a time. Not on the VoiceGlow documentation
    page: from the third-party description, whose operation
    `conversationRouter-getAgentConvos` takes `page` and `limit` and answers rows that are
    the single-conversation call's conversations (each row's `ID` is its `convoId`).

    Args:
        agent_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        Response[ConversationListEnvelope]: the status, headers, raw body, parsed model and, for a
            lenient client, ``shape_problems``.
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        page=page,
        limit=limit,
    )
    response = await client.arequest(**kwargs)
    return cast(Response[ConversationListEnvelope], build_response(client, response, _SUCCESSES))


async def asyncio(
    agent_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
) -> ConversationListEnvelope:
    """List Conversations

     Lists the agent's conversations, a page at a time. Not on the VoiceGlow documentation
    page: from the third-party description, whose operation
    `conversationRouter-getAgentConvos` takes `page` and `limit` and answers rows that are
    the single-conversation call's conversations (each row's `ID` is its `convoId`).

    Args:
        agent_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        ConversationListEnvelope
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            page=page,
            limit=limit,
        )
    ).parsed
