"""`python -m corroborate` runs the command line."""

from corroborate.cli import main

main()
