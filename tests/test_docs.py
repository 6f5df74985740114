"""Documentation must keep up with the code: every CLI command, option and setting appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer.main

from corroborate.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:400]
    assert "make demo" in head and "make test" in head


def test_every_command_and_option_is_documented() -> None:
    root = typer.main.get_command(app)
    missing = []
    for name, command in _commands(root):
        if f"corroborate {name}" not in README:
            missing.append(f"command {name}")
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in ("--help",) and opt not in README:
                    missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"


def test_every_environment_setting_is_documented() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    names = set()
    for path in src.rglob("*.py"):
        names |= set(re.findall(r"CORROBORATE_[A-Z_]+", path.read_text(encoding="utf-8")))
    undocumented = sorted(n for n in names if n not in README)
    assert not undocumented, f"settings used in code but not in README.md: {undocumented}"
