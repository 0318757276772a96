"""click's own words in the user's language: its usage errors and the chrome of ``--help``.

click says "Usage:", "Options", "No such option '--x'.", "Missing argument"
and the rest through ``gettext`` (each of its modules does ``from gettext
import gettext as _``). ``install`` puts a translation function in their
place that looks the message up here, by click's exact wording (its msgid),
and says it from the catalogue (keys ``cli.click.*``, whose English is the
msgid itself, so English output is unchanged). A message click adds later
and this table lacks stays in English, never breaks.

The language is set at the start of every run of the command line
(``use``, from ``LocalisedGroup.make_context``: ``--lang`` before or after
the subcommand, else EFTERTANKE_LANG, else the config file), before click
parses anything, so a mistyped option is already refused in Danish.
"""

from __future__ import annotations

import sys

import click

from eftertanke.i18n import plural_form, t

# click's msgid -> the name of its key (cli.click.NAME). Messages only a
# programmer meets (a broken declaration, a Windows console error) are left out.
MESSAGES: dict[str, str] = {
    "Usage:": "usage",
    "Options": "options",
    "Commands": "commands",
    "Positional arguments": "positional_arguments",
    "Show this message and exit.": "help_option",
    "Show the version and exit.": "version_option",
    "Aborted!": "aborted",
    "Missing command.": "missing_command",
    "default: {default}": "default",
    "deprecated": "deprecated",
    "env var: {var}": "env_var",
    "(dynamic)": "dynamic",
    "Confirm the action without prompting.": "confirm_option",
    "Do you want to continue?": "continue",
    "Could not open file {filename!r}: {message}": "cannot_open",
    "Error: {message}": "error",
    "Invalid value for {param_hint}: {message}": "invalid_value_for",
    "Invalid value: {message}": "invalid_value",
    "Missing argument": "missing_argument",
    "Missing option": "missing_option",
    "Missing parameter": "missing_parameter",
    "Missing parameter: {param_name}": "missing_parameter_named",
    "No such command {name!r}.": "no_such_command",
    "No such option {name!r}.": "no_such_option",
    "Try '{command} {option}' for help.": "try_help",
    "unknown error": "unknown_error",
    "Argument {name!r} takes {nargs} values.": "argument_takes",
    "Invalid start character for option ({option})": "invalid_start",
    "Option {name!r} does not take a value.": "takes_no_value",
    "Error: The two entered values do not match.": "no_match",
    "Error: invalid input": "invalid_input",
    "Press any key to continue...": "press_any_key",
    "Repeat for confirmation": "repeat",
    "Choose from:\n\t{choices}": "choose_from",
    "{name} {filename!r} does not exist.": "path_missing",
    "{name} {filename!r} is a directory.": "path_is_directory",
    "{name} {filename!r} is a file.": "path_is_file",
    "{name} {filename!r} is not executable.": "path_not_executable",
    "{name} {filename!r} is not readable.": "path_not_readable",
    "{name} {filename!r} is not writable.": "path_not_writable",
    "{value!r} is not a valid UUID.": "not_uuid",
    "{value!r} is not a valid boolean. Recognized values: {states}": "not_boolean",
    "{value!r} is not a valid {number_type}.": "not_number",
    "{value} is not in the range {range}.": "not_in_range",
    "{editor}: Editing failed": "editing_failed",
    "{editor}: Editing failed: {e}": "editing_failed_because",
}

# click's singular msgid -> the names of its two forms (one, other).
PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("extra_argument", "extra_arguments"),
    "Takes {nargs} values but 1 was given.": ("takes_values_one", "takes_values_other"),
    "Did you mean {possibility}?": ("did_you_mean", "did_you_mean_one_of"),
    "Option {name!r} requires an argument.": ("requires_argument", "requires_arguments"),
    "{value!r} does not match the format {format}.": ("not_format", "not_formats"),
    "{value!r} is not {choice}.": ("not_choice", "not_choices"),
}

# The names click gives a path parameter when it is made (at import, before
# the language is known); said when an error about one is worded.
PATH_KINDS = {"file": "kind_file", "directory": "kind_directory", "path": "kind_path"}

# Words click hands to ``_`` from a variable (an option's "[required]" in --help).
VARIABLE_WORDS = {"required": "required"}

# The names of click's number types, put into "is not a valid {number_type}".
NUMBER_TYPES = {
    "integer": "kind_integer",
    "integer range": "kind_integer",
    "float": "kind_float",
    "float range": "kind_float",
}

_language: str | None = None


def use(lang: str | None) -> None:
    """Say click's words in ``lang`` from now on (None: the configured language)."""
    global _language
    _language = lang


def language() -> str:
    if _language is not None:
        return _language
    from eftertanke.config import configured_language

    return configured_language()


class _PathKind(str):
    """A path parameter's kind ("file"), said in the language of the moment
    when click capitalises it for an error message."""

    def title(self) -> str:
        return t(f"cli.click.{PATH_KINDS[str(self)]}", language()).title()


class _NumberMessage(str):
    """ "'x' is not a valid {number_type}.", whose number type is said in the
    language of the message rather than as click's English type name."""

    def format(self, *args: object, **values: object) -> str:
        kind = NUMBER_TYPES.get(str(values.get("number_type")))
        if kind:
            values["number_type"] = t(f"cli.click.{kind}", language())
        return str.format(self, *args, **values)


def gettext(message: str) -> str:
    if message in PATH_KINDS:
        return _PathKind(message)
    name = MESSAGES.get(message) or VARIABLE_WORDS.get(message)
    if name is None:
        return message
    text = t(f"cli.click.{name}", language())
    return _NumberMessage(text) if name == "not_number" else text


def ngettext(singular: str, plural: str, n: int) -> str:
    names = PLURALS.get(singular)
    if names is None:
        return singular if n == 1 else plural
    lang = language()
    return t(f"cli.click.{names[0 if plural_form(lang, n) == 'one' else 1]}", lang)


CLICK_MODULES = (
    "core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
    "_termui_impl", "shell_completion",
)  # fmt: skip


def install() -> None:
    """Put ``gettext`` and ``ngettext`` in the place of click's."""
    import importlib

    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}") or importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def _lang_in(argv: list[str]) -> str | None:
    """The --lang a command line gives (before or after the subcommand)."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def language_of(argv: list[str]) -> str:
    """The language a command line runs in: its --lang, else the configured one."""
    from eftertanke.config import configured_language

    try:
        return configured_language(_lang_in(argv))
    except Exception:  # noqa: BLE001 - a broken config is reported by the command itself
        return "en"


class LocalisedGroup(click.Group):
    """The root group: sets the language of click's words and of every
    command's help (``help_words``) before parsing."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: object,
    ) -> click.Context:
        lang = language_of(list(args))
        if lang != _language:
            _forget_help_options(self)
            from eftertanke.cli import help_words

            help_words.use(self, lang)
        use(lang)
        return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]


def _forget_help_options(command: click.Command) -> None:
    """click makes each command's --help option once and keeps it, its help
    text said in the language of that moment; a run in another language in
    the same process (the tests, shell completion) makes them anew."""
    if hasattr(command, "_help_option"):
        command._help_option = None  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _forget_help_options(sub)


__all__ = ["LocalisedGroup", "install", "language", "language_of", "use"]
