"""`python -m linter` runs the command line."""

from linter.cli import main

raise SystemExit(main())
