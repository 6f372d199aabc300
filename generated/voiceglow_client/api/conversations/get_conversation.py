from typing import Any, cast

from ... import client as _vg_client
from ... import types as _vg
from ...errors import path_segment
from ...models.conversation_envelope import ConversationEnvelope
from ...types import Response
from .. import SuccessRange, build_response

_SUCCESSES: tuple[SuccessRange, ...] = ((200, 200, _vg.ModelRef(ConversationEnvelope)),)
"""The documented successes; any other status raises its typed error."""


def _get_kwargs(
    agent_id: str,
    convo_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agents/{agent_id}/convos/{convo_id}".format(
            agent_id=path_segment(agent_id, "agent_id"),
            convo_id=path_segment(convo_id, "convo_id"),
        ),
    }

    return _kwargs


def sync_detailed(
    agent_id: str,
    convo_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
) -> Response[ConversationEnvelope]:
    """Get Single Conversation

     Retrieves details of a specific conversation for the specified agent, using the V3
    endpoints. (Page.)

    Returns full conversation metadata including lead information. You must own the
    agent to access its conversations. Use this endpoint to fetch conversation details
    before exporting or to check user feedback status. (Page.)

    Args:
        agent_id (str):
        convo_id (str):

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        Response[ConversationEnvelope]: the status, headers, raw body, parsed model and, for a
            lenient client, ``shape_problems``.
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        convo_id=convo_id,
    )
    response = client.request(**kwargs)
    return cast(Response[ConversationEnvelope], build_response(client, response, _SUCCESSES))


def sync(
    agent_id: str,
    convo_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
) -> ConversationEnvelope:
    """Get Single Conversation

     Retrieves details of a specific conversation for the specified agent, using the V3
    endpoints. (Page.)

    Returns full conversation metadata including lead information. You must own the
    agent to access its conversations. Use this endpoint to fetch conversation details
    before exporting or to check user feedback status. (Page.)

    Args:
        agent_id (str):
        convo_id (str):

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        ConversationEnvelope
    """

    return sync_detailed(
        agent_id=agent_id,
        convo_id=convo_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    convo_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
) -> Response[ConversationEnvelope]:
    """Get Single Conversation

     Retrieves details of a specific conversation for the specified agent, using the V3
    endpoints. (Page.)

    Returns full conversation metadata including lead information. You must own the
    agent to access its conversations. Use this endpoint to fetch conversation details
    before exporting or to check user feedback status. (Page.)

    Args:
        agent_id (str):
        convo_id (str):

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        Response[ConversationEnvelope]: the status, headers, raw body, parsed model and, for a
            lenient client, ``shape_problems``.
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        convo_id=convo_id,
    )
    response = await client.arequest(**kwargs)
    return cast(Response[ConversationEnvelope], build_response(client, response, _SUCCESSES))


async def asyncio(
    agent_id: str,
    convo_id: str,
    *,
    client: _vg_client.AuthenticatedClient,
) -> ConversationEnvelope:
    """Get Single Conversation

     Retrieves details of a specific conversation for the specified agent, using the V3
    endpoints. (Page.)

    Returns full conversation metadata including lead information. You must own the
    agent to access its conversations. Use this endpoint to fetch conversation details
    before exporting or to check user feedback status. (Page.)

    Args:
        agent_id (str):
        convo_id (str):

    Raises:
        ValueError: A path parameter is empty or blank (nothing is sent).
        errors.APIStatusError: Any status but a documented success; a subclass for 401, 403,
            404, 429 and 5xx.
        errors.APIConnectionError: No response, after the client's retries.
        errors.APITimeoutError: No response in time (a subclass of APIConnectionError).
        errors.ResponseShapeError: The body is not JSON, not an object, too large, or (with
            ``strict=True``) departs from the spec.

    Returns:
        ConversationEnvelope
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            convo_id=convo_id,
            client=client,
        )
    ).parsed
