"""`python -m vgcontract` is the same as the `vgcontract` console command."""

from vgcontract.cli import main

raise SystemExit(main())
