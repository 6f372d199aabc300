"""`python -m vgcontract` is the same as the `vgcontract` console command."""

from vgcontract.cli.main import main

raise SystemExit(main())
