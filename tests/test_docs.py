"""Every command is documented: help text, a README section, and a function of ``builder.api`` it mirrors."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from builder import api
from builder.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
#: Every command, and every subcommand of a group as ``"group sub"`` (its API function is ``group_sub``).
COMMANDS = sorted(
    [name for name, c in main.commands.items() if not isinstance(c, click.Group)]
    + [f"{name} {sub}" for name, c in main.commands.items() if isinstance(c, click.Group) for sub in c.commands]
)
GROUPS = sorted(name for name, c in main.commands.items() if isinstance(c, click.Group))
#: Commands that only read or check files, with no API function beside them.
CLI_ONLY = {"parse", "validate-gold", "synth"}


def test_the_readme_opens_with_the_two_commands():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert len(block) == 2
    assert "pip install -e ." in block[0] and "vna-corpus build" in block[0]
    assert "pip install -e '.[test]'" in block[1] and "python -m pytest" in block[1]


def _command(name: str) -> click.Command:
    command = main
    for part in name.split():
        command = command.commands[part]
    return command


@pytest.mark.parametrize("name", GROUPS)
def test_every_group_has_help(name: str) -> None:
    assert main.commands[name].help and main.commands[name].help.strip(), f"{name} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    command = _command(name)
    assert command.help and command.help.strip(), f"{name} has no help text"
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0
    heading = re.search(rf"^### .*`vna-corpus {re.escape(name)}\b", README, re.M)
    assert heading, f"README has no section for `vna-corpus {name}`"


@pytest.mark.parametrize("name", [c for c in COMMANDS if c not in CLI_ONLY])
def test_every_command_mirrors_an_api_function(name: str) -> None:
    function = name.replace("-", "_").replace(" ", "_")
    assert callable(getattr(api, function, None)), f"builder.api has no {function}()"
