"""``eftertanke encrypt | decrypt | passwd``: encryption at rest.

See ``store/crypto.py`` for the keys and file format and
``store/reencrypt.py`` for how the swap survives a crash.
"""

from __future__ import annotations

import click

from eftertanke.cli.context import AppContext, pass_app
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
        raise click.ClickException(f"the journal {journal.root} is already encrypted")
    secret = pp.new_passphrase(passphrase_file or app.passphrase_file)
    count = reencrypt.encrypt_journal(journal, secret, log_n)
    if use_keyring:
        pp.save_to_keyring(journal.root, secret)
    click.echo(f"encrypted {count} files in {journal.root}")
    click.echo(
        "note: exports are plain text by choice; earlier plain copies of the journal "
        "(other disks, sync tools, SSD blocks) are not reached by this: use full-disk "
        "encryption as well",
        err=True,
    )


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
        raise click.ClickException(f"the journal {journal.root} is not encrypted")
    if not yes and pp.stdin_is_terminal():
        click.confirm(
            f"Store {journal.root} unencrypted? Anyone who can read the folder can then read it",
            abort=True,
            err=True,
        )
    count = reencrypt.decrypt_journal(journal)
    click.echo(f"decrypted {count} files in {journal.root}")


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
        raise click.ClickException(
            f"the journal {journal.root} is not encrypted: use 'eftertanke encrypt'"
        )
    secret = pp.new_passphrase(
        new_passphrase_file,
        env_var=pp.NEW_ENV_VAR,
        option="--new-passphrase-file",
    )
    reencrypt.change_passphrase(journal, secret, log_n=log_n, rekey=rekey)
    if use_keyring:
        pp.save_to_keyring(journal.root, secret)
    click.echo("passphrase changed" + (" and every file re-encrypted" if rekey else ""))


COMMANDS = [encrypt_command, decrypt_command, passwd_command]
