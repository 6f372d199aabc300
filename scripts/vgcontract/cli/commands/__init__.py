"""One module per command; each declares its typed `Args` and calls `register(subparsers)`."""

__all__: list[str] = []
