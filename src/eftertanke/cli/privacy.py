"""``eftertanke encrypt | decrypt | passwd``: encryption at rest.

See ``store/crypto.py`` for the keys and file format and
``store/reencrypt.py`` for how the swap survives a crash.
"""

from __future__ import annotations

import click

from eftertanke.cli.context import AppContext, pass_app
from eftertanke.cli.words import confirm
from eftertanke.i18n import t
from eftertanke.privacy import passphrase as pp
from eftertanke.store import crypto, reencrypt

_COST = click.option(
    "--cost",
    "log_n",
    type=click.IntRange(crypto.MIN_LOG_N, crypto.MAX_LOG_N),
    metavar="N",
    help=f"scrypt cost as a power of two (default {crypto.DEFAULT_LOG_N}: 2^{crypto.DEFAULT_LOG_N}); "
    "each step up doubles the time and memory to try a passphrase.",
)
_FILE = click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False),
    help="Read the passphrase from the first line of this file (for scripts).",
)


@click.command("encrypt")
@_FILE
@_COST
@click.option(
    "--keyring", "use_keyring", is_flag=True, help="Also keep the passphrase in the system keyring."
)
@pass_app
def encrypt_command(
    app: AppContext, passphrase_file: str | None, log_n: int | None, use_keyring: bool
) -> None:
    """Encrypt the journal (entries, backups, drafts) with a passphrase.

    The passphrase is asked for twice, or read from --passphrase-file or
    EFTERTANKE_PASSPHRASE. Without it the journal cannot be read: keep it safe.

    \b
    AES-256-GCM; the key is derived with scrypt (raise the cost with
    'passwd --cost'). While encrypted, nothing is written to disk in plain
    text ($EDITOR is refused for that reason); exports are plain by choice.
    The old plain files are deleted, but on SSDs, copy-on-write file systems,
    sync tools and backups made by other programs earlier plain copies may
    survive: full-disk encryption is the complement, not an alternative.
    """
    journal = app.journal()
    if journal.encrypted:
        raise click.ClickException(t("cli.privacy.already_encrypted", app.lang, path=journal.root))
    secret = pp.new_passphrase(passphrase_file or app.passphrase_file)
    count = reencrypt.encrypt_journal(journal, secret, log_n)
    if use_keyring:
        pp.save_to_keyring(journal.root, secret)
    files = t("cli.export.files", app.lang, n=count)
    click.echo(t("cli.privacy.encrypted", app.lang, files=files, path=journal.root))
    click.echo(t("cli.privacy.note_plain_copies", app.lang), err=True)


@click.command("decrypt")
@_FILE
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def decrypt_command(app: AppContext, passphrase_file: str | None, yes: bool) -> None:
    """Store the journal as plain text again (asks for the passphrase)."""
    if passphrase_file:
        app.passphrase_file = passphrase_file
    journal = app.journal()
    if not journal.encrypted:
        raise click.ClickException(t("cli.privacy.not_encrypted", app.lang, path=journal.root))
    if not yes and pp.stdin_is_terminal():
        confirm(
            t("cli.privacy.decrypt_sure", app.lang, path=journal.root),
            app.lang,
            abort=True,
            err=True,
        )
    count = reencrypt.decrypt_journal(journal)
    files = t("cli.export.files", app.lang, n=count)
    click.echo(t("cli.privacy.decrypted", app.lang, files=files, path=journal.root))


@click.command("passwd")
@_FILE
@click.option(
    "--new-passphrase-file",
    type=click.Path(dir_okay=False),
    help="Read the new passphrase from this file (or EFTERTANKE_NEW_PASSPHRASE).",
)
@_COST
@click.option(
    "--rekey",
    is_flag=True,
    help="Also re-encrypt every file under a new key (if the old passphrase may be known).",
)
@click.option(
    "--keyring",
    "use_keyring",
    is_flag=True,
    help="Also keep the new passphrase in the system keyring.",
)
@pass_app
def passwd_command(
    app: AppContext,
    passphrase_file: str | None,
    new_passphrase_file: str | None,
    log_n: int | None,
    rekey: bool,
    use_keyring: bool,
) -> None:
    """Change the passphrase (and, with --cost, the key derivation cost)."""
    if passphrase_file:
        app.passphrase_file = passphrase_file
    journal = app.journal()
    if not journal.encrypted:
        raise click.ClickException(t("cli.privacy.not_encrypted_use", app.lang, path=journal.root))
    secret = pp.new_passphrase(
        new_passphrase_file,
        env_var=pp.NEW_ENV_VAR,
        option="--new-passphrase-file",
    )
    reencrypt.change_passphrase(journal, secret, log_n=log_n, rekey=rekey)
    if use_keyring:
        pp.save_to_keyring(journal.root, secret)
    done = "cli.privacy.passphrase_changed_rekeyed" if rekey else "cli.privacy.passphrase_changed"
    click.echo(t(done, app.lang))


COMMANDS = [encrypt_command, decrypt_command, passwd_command]
