"""Every command is documented: help text, a README section, and a function of ``builder.api`` it mirrors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import api
from builder.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)
#: Commands that only read or check files, with no API function beside them.
CLI_ONLY = {"parse", "validate-gold", "synth"}


def test_the_readme_opens_with_the_two_commands():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert len(block) == 2
    assert "pip install -e ." in block[0] and "vna-corpus build" in block[0]
    assert "pip install -e '.[test]'" in block[1] and "python -m pytest" in block[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    heading = re.search(rf"^### .*`vna-corpus {re.escape(name)}\b", README, re.M)
    assert heading, f"README has no section for `vna-corpus {name}`"


@pytest.mark.parametrize("name", [c for c in COMMANDS if c not in CLI_ONLY])
def test_every_command_mirrors_an_api_function(name: str) -> None:
    assert callable(getattr(api, name.replace("-", "_"), None)), f"builder.api has no {name.replace('-', '_')}()"
