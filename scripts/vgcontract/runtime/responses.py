"""The response handling every endpoint function shares.

``build_response`` turns a response into either a ``Response`` holding the documented
body (a model, a list, a union, a scalar, text or a file), or a typed error from ``errors``:
it is why no server response, however odd, makes an endpoint raise anything outside
``VoiceglowError``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import httpx

from .errors import ResponseShapeError, ShapeProblem, excerpt, scrub, status_error
from .shapes import BYTES, TEXT, File, Response, Shape, decode_shape

if TYPE_CHECKING:
    from .client import BaseClient

__all__ = ["SuccessRange", "build_response", "status_of"]

SuccessRange = tuple[int, int, Shape | None]
"""A documented success: the lowest and highest status, and its body's shape (None: no body;
``TEXT``: text; ``BYTES``: a file; any other: JSON decoded as that shape)."""


def status_of(code: int) -> int:
    """``HTTPStatus(code)`` for registered codes, the plain int for any other (499, 520, ...)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


def build_response(client: BaseClient, response: httpx.Response, successes: Sequence[SuccessRange]) -> Response[Any]:
    """The documented success as a ``Response``, or the typed error for anything else."""
    code = response.status_code
    secrets = client._secrets()
    shape: Shape | None = None
    for low, high, candidate in successes:
        if low <= code <= high:
            shape = candidate
            break
    else:
        raise status_error(
            code, content=response.content, headers=response.headers, message=_error_message(response), secrets=secrets
        )
    parsed: Any = None
    problems: list[ShapeProblem] = []
    if shape is TEXT:
        parsed = response.text
    elif shape is BYTES:
        media_type = response.headers.get("content-type", "").split(";", 1)[0].strip() or None
        parsed = File(payload=io.BytesIO(response.content), mime_type=media_type)
    elif shape is not None:
        data = _json_body(response, strict=client.strict, secrets=secrets)
        try:
            parsed, problems = decode_shape(shape, data)
        except RecursionError:
            raise _shape_error(response, "the body is nested too deeply to decode", secrets) from None
        # Lenient clients keep what departs inside the body; a body that is not the documented
        # kind at all (an array for an object, an object for a list) is an error either way.
        if problems and (client.strict or any(problem.path == "$" for problem in problems)):
            raise ResponseShapeError.from_problems(
                [_scrubbed(problem, secrets) for problem in problems],
                body_excerpt=excerpt(response.content, secrets),
                status_code=code,
            )
    return Response(
        status_code=status_of(code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
        shape_problems=tuple(_scrubbed(problem, secrets) for problem in problems),
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_body(response: httpx.Response, *, strict: bool, secrets: tuple[str, ...]) -> Any:
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    try:
        data = json.loads(response.content, parse_constant=_reject_constant)
    except RecursionError:
        raise _shape_error(response, "the body is nested too deeply to parse", secrets) from None
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError, ints past 4,300 digits
        kind = "HTML" if media_type == "text/html" else "not JSON"
        raise _shape_error(response, f"the body is {kind}: {str(error)[:120]}", secrets) from None
    # Lenient clients read JSON whatever the label; strict ones hold the server to the spec's.
    if strict and not (media_type == "application/json" or media_type.endswith("+json")):
        raise _shape_error(response, f"the content type is {content_type!r}, not application/json", secrets)
    return data


def _error_message(response: httpx.Response) -> str | None:
    """The ``message`` of an error envelope, when the body has one."""
    try:
        data = json.loads(response.content, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    message = data.get("message") if isinstance(data, dict) else None
    return message if isinstance(message, str) and message.strip() else None


def _shape_error(response: httpx.Response, reason: str, secrets: tuple[str, ...]) -> ResponseShapeError:
    return ResponseShapeError(
        scrub(reason, secrets), body_excerpt=excerpt(response.content, secrets), status_code=response.status_code
    )


def _scrubbed(problem: ShapeProblem, secrets: tuple[str, ...]) -> ShapeProblem:
    return ShapeProblem(problem.path, problem.expected, scrub(problem.actual, secrets))
