"""Where a live request may go: the base URL's origin and path, and nowhere a server or a spec points.

The token rides on every request, so each one is checked just before it is sent, whatever
built it (a path template, schemathesis' generated headers, a list page):

* its scheme, host and port are the base URL's;
* its path stays below the base URL's path (no `..` climbing out of `/tenants/acme/v1`);
* it carries no `Host` header naming another host, which a shared front end would route
  to another site with the token.

A request that fails one is never sent: `ForeignOrigin`, a usage error (exit 2). Cookies a
server sets are never kept (`no_cookie_jar`), so nothing a server chose is sent back.
"""

from __future__ import annotations

import http.cookiejar

import httpx

from vgcontract.errors import UsageError

__all__ = ["ForeignOrigin", "Origin", "no_cookie_jar"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


class ForeignOrigin(UsageError):
    """A request built for another origin, path or host than the base URL's: refused, never sent (exit 2)."""


def no_cookie_jar() -> http.cookiejar.CookieJar:
    """A jar that keeps nothing: a server's `Set-Cookie` is never sent back."""
    return http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))


def _netloc(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host.lower(), url.port or _DEFAULT_PORTS.get(url.scheme)


class Origin:
    """The base URL a run may talk to; `refusal` says why a request may not go, or None."""

    def __init__(self, base_url: str) -> None:
        url = httpx.URL(base_url)
        self.scheme, self.host, self.port = _netloc(url)
        self.path = url.raw_path.split(b"?", 1)[0].rstrip(b"/") + b"/"

    def _hosts(self) -> set[str]:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return {host, f"{host}:{self.port}"}

    def refusal(self, request: httpx.Request) -> str | None:
        """Why `request` must not be sent with this run's token; None when it may."""
        scheme, host, port = _netloc(request.url)
        where = f"{request.method} to {scheme}://{host}:{port}"
        if (scheme, host, port) != (self.scheme, self.host, self.port):
            return f"refused to send {where}: not the base URL's origin"
        path = request.url.raw_path.split(b"?", 1)[0]
        if not (path + b"/").startswith(self.path):
            return f"refused to send {where}{path.decode('ascii', 'replace')}: not below the base URL's path"
        for value in request.headers.get_list("host"):
            if value.strip().lower() not in self._hosts():
                return f"refused to send {where}: a Host header names another host"
        return None
