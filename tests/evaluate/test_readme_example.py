"""The README's example parser, evaluated through its Python path and as a command: the same scores."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from builder import api
from builder.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def example_parser() -> str:
    """The first Python block of the README's "Evaluate your parser" section."""
    section = README.split("\n## Evaluate your parser\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_example_is_ten_lines_of_parser_and_a_command(tmp_path):
    code = example_parser()
    body = [line for line in code.splitlines() if line.strip() and not line.startswith("#")]
    assert body.index('if __name__ == "__main__":') <= 10


def test_python_path_and_command_give_the_same_scores(tmp_path, monkeypatch):
    (tmp_path / "my_parser.py").write_text(example_parser(), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    command = f"{sys.executable} {tmp_path / 'my_parser.py'} {{pages_dir}} {{out_file}}"
    result = api.evaluate(["my_parser:parse"], commands=[command], task="zones", bootstrap=200, min_seconds=0,
                          compare=False)
    python_row, command_row = result["tasks"]["zones"]["systems"]
    assert (python_row["system"], command_row["system"]) == ("my_parser:parse", command)
    assert python_row["failed_pages"] == command_row["failed_pages"] == []
    assert python_row["scores"] == command_row["scores"]
    assert python_row["per_label"] == command_row["per_label"]
    assert python_row["worst_pages"] == command_row["worst_pages"]
    dateline = python_row["per_label"]["dateline"]
    assert dateline["gold"] > 0 and dateline["f1"] > 0.9
    for row in (python_row, command_row):
        assert row["pages_per_second"] > 0 and row["setup_seconds"] >= 0 and row["peak_memory_mib"] > 0


def test_the_cli_runs_the_readme_commands(tmp_path, monkeypatch):
    (tmp_path / "my_parser.py").write_text(example_parser(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    python = CliRunner().invoke(main, ["evaluate", "--parser", "my_parser:parse", "--task", "zones",
                                       "--bootstrap", "0", "--min-seconds", "0", "--no-compare", "--format", "json"])
    assert python.exit_code == 0, python.output
    command = CliRunner().invoke(main, ["evaluate", "--command", f"{sys.executable} my_parser.py {{pages_dir}} "
                                        "{out_file}", "--task", "zones", "--bootstrap", "0", "--min-seconds", "0",
                                        "--no-compare", "--format", "json"])
    assert command.exit_code == 0, command.output
    import json

    rows = [json.loads(run.stdout)["tasks"]["zones"]["systems"][0] for run in (python, command)]
    assert rows[0]["scores"] == rows[1]["scores"]
