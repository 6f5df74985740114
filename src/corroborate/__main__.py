"""`python -m corroborate` = the `corroborate` command."""

from corroborate.cli import app

app(prog_name="corroborate")
