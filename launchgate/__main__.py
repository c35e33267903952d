"""`python -m launchgate`."""

from launchgate.cli import run

run()
