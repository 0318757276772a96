"""The command line: ``eftertanke`` and its subcommands.

Errors become one line on stderr and an exit code (1 for data or state
errors, 2 for usage errors), never a traceback. Nothing here imports Textual;
only running ``eftertanke`` with no subcommand loads the TUI.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from eftertanke import __version__
from eftertanke.cli import click_words, completion
from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.environment import Program
from eftertanke.config import ConfigError
from eftertanke.domain import ValidationError
from eftertanke.i18n import t
from eftertanke.store.errors import EftertankeError

click_words.install()


class LazyProgram(Program):
    """The program's group, importing a command's modules when it is asked
    for (``COMMAND_HOMES``); help and completion list every command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_HOMES)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMAND_HOMES:
            load_command_modules(COMMAND_HOMES[name])
        return self.commands.get(name)


@click.group(
    cls=LazyProgram,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--journal",
    "journal_path",
    metavar="PATH",
    help="Journal folder (default: EFTERTANKE_JOURNAL, the config file, then the data folder).",
)
@click.option("--lang", type=click.Choice(["da", "en"]), help="Language of output and prompts.")
@click.option(
    "--passphrase-file",
    metavar="FILE",
    help="An encrypted journal's passphrase, from the first line of FILE "
    "(else EFTERTANKE_PASSPHRASE, else asked for).",
)
# The version from the package itself: asking importlib.metadata (click's way with
# package_name) imports it, 20 ms of a 0.1 s command; tests/test_cli_lazy.py checks
# the two agree.
@click.version_option(version=__version__, prog_name="eftertanke")
@click.pass_context
def cli(
    ctx: click.Context, journal_path: str | None, lang: str | None, passphrase_file: str | None
) -> None:
    """eftertanke: a reflection journal for autoethnography.

    With no command, opens the journal in the terminal app.
    """
    ctx.obj = AppContext(journal_arg=journal_path, lang_arg=lang, passphrase_file=passphrase_file)
    if os.environ.get("NO_COLOR"):
        # https://no-color.org: any non-empty value. click.echo then drops the
        # styles of every command (subcommand contexts inherit this).
        ctx.color = False
    if ctx.invoked_subcommand is None:
        from eftertanke.cli.open_app import open_app

        open_app(ctx.obj)


# Each module under eftertanke.cli named here has a COMMANDS list.
COMMAND_MODULES = (
    "new_entry",
    "entries",
    "interviews",
    "themes",
    "doctor",
    "privacy",
    "analyse",
    "analyse_prompts",
    "collab",
    "export_cmds",
    "export_documents",
    "drafts",
    "purge",
    "codings",
    "reflexivity",
    "cite",
    "transcripts",
    "serve",
    "due",
    "questions",
)


# Options of the whole program that every subcommand also takes, so that
# ``eftertanke theme add --starter --lang da`` works as well as
# ``eftertanke --lang da theme add --starter``. (Attribute of AppContext, option.)
_GLOBAL_OPTIONS = (
    ("journal_arg", "--journal"),
    ("lang_arg", "--lang"),
    ("passphrase_file", "--passphrase-file"),
)


def _set_global(attribute: str) -> object:
    def callback(ctx: click.Context, _param: click.Parameter, value: object) -> None:
        if value is None:
            return
        # Shell completion runs no command (no AppContext): it reads them here.
        ctx.meta[completion.META_KEY.format(attribute)] = value
        app = ctx.find_object(AppContext)
        if app is not None:
            setattr(app, attribute, value)

    return callback


def _accept_global_options(command: click.Command) -> None:
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _accept_global_options(sub)
        return
    taken = {opt for param in command.params for opt in getattr(param, "opts", ())}
    for parameter in cli.params:
        if not isinstance(parameter, click.Option) or not parameter.opts:
            continue
        name = parameter.opts[0]
        attribute = next((a for a, option in _GLOBAL_OPTIONS if option == name), None)
        if attribute is None or name in taken:
            continue  # a command's own option of that name (encrypt's new passphrase file)
        command.params.append(
            click.Option(
                [name],
                type=parameter.type,
                metavar=parameter.metavar,
                expose_value=False,
                is_eager=True,
                callback=_set_global(attribute),
                help=parameter.help,
                hidden=True,
            )
        )


# Which of COMMAND_MODULES make each command, so that a command line imports
# only its command's modules (all twenty cost every command, and the app's
# start, some 30 ms). ``analyse`` and ``export`` are groups that a second module
# adds subcommands to. tests/test_cli_lazy.py checks this against the modules.
COMMAND_HOMES: dict[str, tuple[str, ...]] = {
    "new": ("new_entry",),
    **dict.fromkeys(("list", "show", "edit", "delete", "restore"), ("entries",)),
    "interview": ("interviews",),
    "theme": ("themes",),
    "doctor": ("doctor",),
    **dict.fromkeys(("encrypt", "decrypt", "passwd"), ("privacy",)),
    "analyse": ("analyse", "analyse_prompts"),
    **dict.fromkeys(("merge", "git-setup", "git-merge"), ("collab",)),
    "export": ("export_cmds", "export_documents"),
    "import": ("export_cmds",),
    "drafts": ("drafts",),
    "purge": ("purge",),
    "code": ("codings",),
    **dict.fromkeys(("layer", "position"), ("reflexivity",)),
    "cite": ("cite",),
    "transcript": ("transcripts",),
    "serve": ("serve",),
    "due": ("due",),
    "question": ("questions",),
}
_loaded: set[str] = set()


def load_command_modules(names: tuple[str, ...] = COMMAND_MODULES) -> None:
    """Import the command modules ``names`` (in COMMAND_MODULES' order) and add
    their commands to the program, once each."""
    import importlib

    from eftertanke.cli import help_words
    from eftertanke.imports import no_collections

    for name in COMMAND_MODULES:
        if name not in names or name in _loaded:
            continue
        _loaded.add(name)
        with no_collections():
            module = importlib.import_module(f"eftertanke.cli.{name}")
        for command in module.COMMANDS:
            _accept_global_options(command)
            cli.add_command(command)
            # Loaded after the program set its language: its help in that language too.
            help_words.use(command, click_words.language(), f"eftertanke.{command.name}")


def _fail(message: str, code: int, lang: str = "en") -> None:
    from eftertanke.textsafe import one_line

    click.echo(f"eftertanke: {t('error', lang)}: {one_line(message)}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    lang = click_words.language_of(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=argv, prog_name="eftertanke", standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", 1, lang)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code, lang)
    except EftertankeError as exc:
        _fail(exc.in_language(lang), 1, lang)
    except ValidationError as exc:
        _fail(exc.in_language(lang), 1, lang)
    except ConfigError as exc:
        _fail(str(exc), 1, lang)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing more to say.
        sys.stderr.close()
        sys.exit(0)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            # Every save is atomic (a temp file replaces the old one only when whole),
            # so a full disk stops the write before anything changed.
            _fail(f"no space left on device{where}; nothing was saved", 1, lang)
        _fail(f"{exc.strerror or exc}{where}", 1, lang)
    except Exception as exc:
        if os.environ.get("EFTERTANKE_DEBUG"):
            raise
        _fail(
            f"unexpected {type(exc).__name__}: {exc} (set EFTERTANKE_DEBUG=1 for details)", 1, lang
        )
    sys.exit(result if isinstance(result, int) else 0)


__all__ = ["cli", "main", "pass_app"]
