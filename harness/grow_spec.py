"""Grow the project's spec the way the one-reader work was checked: an operation written first, recursive.

    python harness/grow_spec.py openapi/voiceglow.yaml

Inserts `GET /agents/{agentId}/folders/{folderId}` (`getFolder`) as the first key of `paths`,
answering a `FolderEnvelope` whose `Folder.children` are folders, and adds both schemas,
written in the spec's own conventions (descriptions, `additionalProperties: true`). Then
`make release && make contract && make test` must pass with no test edit. Run it on a
clone: it edits the file in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

_OPERATION = """  /agents/{agentId}/folders/{folderId}:
    parameters:
      - $ref: '#/components/parameters/AgentId'
      - name: folderId
        in: path
        required: true
        description: The folder.
        schema:
          type: string
    get:
      operationId: getFolder
      tags:
        - Conversations
      summary: Get a folder and its subfolders
      description: A folder tree of the agent's conversations.
      security:
        - bearerAuth: []
      responses:
        '200':
          description: The folder, wrapped in the response envelope.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/FolderEnvelope'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/Forbidden'
        '404':
          $ref: '#/components/responses/NotFound'
        '429':
          $ref: '#/components/responses/TooManyRequests'
        default:
          $ref: '#/components/responses/UnexpectedError'
"""

_SCHEMAS = """  schemas:
    FolderEnvelope:
      type: object
      description: The response envelope around a folder.
      additionalProperties: true
      required: [success, message, data]
      properties:
        success:
          type: boolean
          description: Whether the call succeeded.
        message:
          type: string
          description: What happened.
        data:
          $ref: '#/components/schemas/Folder'
    Folder:
      type: object
      description: A folder; its subfolders are folders.
      additionalProperties: true
      required: [id, name, children]
      properties:
        id:
          type: string
          description: The folder's ID.
        name:
          type: string
          description: The folder's name.
        children:
          type: array
          description: The subfolders.
          items:
            $ref: '#/components/schemas/Folder'
"""


def grow(text: str) -> str:
    """The spec's text with the recursive operation first in `paths` and its schemas added."""
    if "\npaths:\n" not in text or "\n  schemas:\n" not in text:
        raise ValueError("the spec needs a block-style `paths:` and `components: schemas:`")
    text = text.replace("\npaths:\n", "\npaths:\n" + _OPERATION, 1)
    return text.replace("\n  schemas:\n", "\n" + _SCHEMAS, 1)


def main(argv: list[str] | None = None) -> int:
    """Edit the spec named on the command line in place."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python harness/grow_spec.py SPEC", file=sys.stderr)
        return 2
    spec = Path(args[0])
    try:
        spec.write_text(grow(spec.read_text(encoding="utf-8")), encoding="utf-8")
    except (OSError, ValueError) as exc:
        print(f"grow_spec: {spec}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
