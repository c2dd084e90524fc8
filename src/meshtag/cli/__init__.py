"""The `meshtag` command. Thin: each subcommand parses arguments and calls a library function.

Subcommands live in one module each under `meshtag.cli` and are imported only when invoked, so
`meshtag --help` and light commands stay fast.
"""
from __future__ import annotations

import importlib
import sys

import click

from meshtag.errors import MeshtagError

# command name -> "module:attribute" (a click.Command)
COMMANDS: dict[str, str] = {
    "read": "meshtag.cli.read:read",
    "tag": "meshtag.cli.tag:tag",
    "kb": "meshtag.cli.kb:kb",
    "report": "meshtag.cli.report:report",
    "review": "meshtag.cli.review:review",
    "eval": "meshtag.cli.evaluate:evaluate",
    "train": "meshtag.cli.train:train",
    "demo": "meshtag.cli.demo:demo",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="meshtag")
def cli() -> None:
    """Tag receptors, drugs, conditions and brain regions in abstracts and link them to MeSH."""


def main(argv: list[str] | None = None) -> None:
    """Console entry point: user-facing errors become one line on stderr and exit status 2."""
    try:
        cli.main(args=argv, prog_name="meshtag", standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except MeshtagError as err:
        click.echo(f"meshtag: error: {err}", err=True)
        sys.exit(2)
