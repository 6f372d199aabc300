"""One module per command; each declares its typed `Args` and calls `register(subparsers)`."""
