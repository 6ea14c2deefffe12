"""The console script: version, help with examples on every command, SPEC exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pactwatch import __version__
from pactwatch.cli import build_parser, main

BIN = Path(sys.executable).parent / "pactwatch"
COMMANDS = ["extract", "ingest", "events", "demo"]


def test_console_script_reports_version() -> None:
    done = subprocess.run([str(BIN), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.strip() == f"pactwatch {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert "examples:" in out and f"pactwatch {command}" in out


def test_store_commands_take_db() -> None:
    parser = build_parser()
    for command in ("ingest", "events", "demo"):
        assert parser.parse_args([command, *(["x"] if command == "ingest" else []), "--db", "a.db"]).db == "a.db"


def test_unknown_command_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
