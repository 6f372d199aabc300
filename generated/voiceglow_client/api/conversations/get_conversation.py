from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.conversation_envelope import ConversationEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import Response


def _path_segment(value: Any, name: str) -> str:
    """Percent-encode one path parameter so that no value can change the path's shape.

    Every reserved character is encoded (`/`, `?`, `#`, `%`, spaces, non-ASCII), and a
    value made only of dots too: `.` or `..` would otherwise be removed, or climb a level,
    when the URL is normalised. An empty or blank value would leave `//` in the path, so it
    is refused before any request is sent.
    """
    text = str(value)
    if not text.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if set(text) == {"."} else encoded


def _get_kwargs(
    agent_id: str,
    convo_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agents/{agent_id}/convos/{convo_id}".format(
            agent_id=_path_segment(agent_id, "agent_id"),
            convo_id=_path_segment(convo_id, "convo_id"),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversationEnvelope | ErrorEnvelope:
    if response.status_code == 200:
        response_200 = ConversationEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    response_default = ErrorEnvelope.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConversationEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    convo_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ConversationEnvelope | ErrorEnvelope]:
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        convo_id=convo_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    convo_id: str,
    *,
    client: AuthenticatedClient,
) -> ConversationEnvelope | ErrorEnvelope | None:
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationEnvelope | ErrorEnvelope
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
    client: AuthenticatedClient,
) -> Response[ConversationEnvelope | ErrorEnvelope]:
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        convo_id=convo_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    convo_id: str,
    *,
    client: AuthenticatedClient,
) -> ConversationEnvelope | ErrorEnvelope | None:
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
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            convo_id=convo_id,
            client=client,
        )
    ).parsed
