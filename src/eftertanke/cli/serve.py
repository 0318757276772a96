"""``eftertanke serve``: the app in a browser, on this machine only.

The command decides where to listen and what each browser tab runs; the
guarded web server itself is ``cli/serve_web.py`` (textual-serve underneath).
Every tab is its own ``python -m eftertanke`` process on the same journal, so
the store's locks and revision checks keep tabs from overwriting each other.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys

import click

from eftertanke.cli.context import AppContext, pass_app
from eftertanke.i18n import t

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """True if every address ``host`` names is this machine's loopback."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in found)


def split_port(value: str, lang: str) -> tuple[str | None, int]:
    """``--port`` as N or HOST:N (the form people type from other tools)."""
    host, sep, number = value.rpartition(":")
    if not number.isdigit() or not 0 < int(number) < 65536:
        raise click.BadParameter(t("cli.serve.bad_port", lang, value=value), param_hint="'--port'")
    return (host.strip("[]") if sep else None), int(number)


def listen_address(port: str | None, host: str | None, lang: str) -> tuple[str, int, bool]:
    """(host, port, exposed): loopback unless ``--host`` says otherwise on purpose.

    An address that arrives any other way (``--port 0.0.0.0:8000``) is refused:
    the journal reaches the network only when someone typed ``--host``.
    """
    port_host, number = split_port(port, lang) if port else (None, DEFAULT_PORT)
    if host is None:
        chosen = port_host or DEFAULT_HOST
        if not is_loopback(chosen):
            raise click.UsageError(t("cli.serve.needs_host", lang, host=chosen))
        return chosen, number, False
    if port_host is not None and port_host != host:
        raise click.UsageError(t("cli.serve.two_hosts", lang, host=host, other=port_host))
    return host, number, not is_loopback(host)


def app_command(app: AppContext) -> list[str]:
    """What each browser tab runs: this interpreter, the same journal and options.

    The journal is made absolute so every tab opens the folder serve was given,
    whatever the working directory; the language is passed only when given,
    so a tab still starts in the language the app last remembered.
    """
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(app.journal_path.resolve())]
    if app.lang_arg:
        argv += ["--lang", app.lang_arg]
    if app.passphrase_file:
        argv += ["--passphrase-file", os.path.abspath(os.path.expanduser(app.passphrase_file))]
    return argv


def check_journal(app: AppContext) -> bool:
    """Open the journal once before serving, so a broken one fails here in one
    line, not in every tab. True if it is encrypted and each tab must ask."""
    from eftertanke.privacy.passphrase import ENV_VAR
    from eftertanke.store import crypto

    root = app.journal_path
    if root.exists() and crypto.read_section(root) is not None:
        if not (app.passphrase_file or os.environ.get(ENV_VAR)):
            return True  # asked in the browser, by each tab; never on this terminal
    app.journal()
    return False


@click.command("serve")
@click.option(
    "--port",
    metavar="[HOST:]N",
    help=f"Port to listen on (default {DEFAULT_PORT}); an address here must be loopback.",
)
@click.option(
    "--host",
    metavar="ADDRESS",
    help=f"Listen on ADDRESS instead of {DEFAULT_HOST}: anyone who can reach it and has "
    "the address with its token can use the journal.",
)
@pass_app
def serve_command(app: AppContext, port: str | None, host: str | None) -> None:
    """Open the journal in a browser on this machine (Ctrl+C stops).

    Prints an address with a fresh access token; the token changes every run
    and is never saved. Each browser tab is its own session on the journal.
    """
    lang = app.lang
    where, number, exposed = listen_address(port, host, lang)
    if exposed:
        click.echo(f"eftertanke: {t('cli.serve.exposed', lang, host=where)}", err=True)
    encrypted = check_journal(app)
    from eftertanke.cli.serve_web import GuardedServer

    token = secrets.token_urlsafe(24)
    server = GuardedServer(app_command(app), where, number, token, lang=lang)
    if encrypted:
        click.echo(t("cli.serve.encrypted", lang), err=True)
    server.run()


COMMANDS = [serve_command]
