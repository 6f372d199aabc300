"""The floor for live drift: a bare `httpx.AsyncClient` loop, a semaphore of N, every body parsed.

`python -m benches.bare_httpx BASE_URL TOKEN CONCURRENCY PATH...` (paths from a file given
as `@FILE`) fetches every path once, `orjson.loads` each body, and prints how many answered
200. It is what a user would write without the toolkit, run as its own process so that it
pays its start-up as `vgcontract drift --live` pays its own.
"""

from __future__ import annotations

import asyncio
import sys

import httpx
import orjson

__all__ = ["fetch_all"]


async def fetch_all(base_url: str, token: str, concurrency: int, paths: list[str]) -> int:
    """GET every path with at most `concurrency` in flight; the number of 200s."""
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits, timeout=10) as client:

        async def one(path: str) -> int:
            async with gate:
                response = await client.get(path)
                orjson.loads(response.content)
                return response.status_code

        statuses = await asyncio.gather(*(one(path) for path in paths))
    return sum(1 for status in statuses if status == 200)


def main() -> None:
    """Fetch the paths given on the command line (or `@FILE`, one per line)."""
    base_url, token, concurrency, *paths = sys.argv[1:]
    if len(paths) == 1 and paths[0].startswith("@"):
        with open(paths[0][1:], encoding="utf-8") as handle:
            paths = handle.read().split()
    print(asyncio.run(fetch_all(base_url, token, int(concurrency), paths)))


if __name__ == "__main__":
    main()
