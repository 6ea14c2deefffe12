"""``python -m pactwatch`` runs the command-line interface."""

from pactwatch.cli import main

raise SystemExit(main())
