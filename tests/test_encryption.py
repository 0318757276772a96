"""Encryption at rest: nothing plain on disk, tamper and wrong passphrase
refused without change, passwd keeps every entry, a crash at any point of
encrypt/decrypt leaves a whole journal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest
from conftest import Cli, snapshot

from eftertanke.domain import Entry
from eftertanke.store import crypto, reencrypt
from eftertanke.store.errors import JournalError
from eftertanke.store.journal import Journal

PASS = "correct horse battery"
ENV = {"EFTERTANKE_PASSPHRASE": PASS}
# Words that appear only in entry text: none may be found in any file once encrypted.
SECRETS = ["Kirstenhemmelighed", "tillidsbrud", "sygemelding", "Overlæge", "udbrændt"]


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests derive keys at the lowest allowed cost (the CLI tests pass --cost)."""
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)


def fill(journal: Journal, n: int = 30) -> list[str]:
    ids = []
    for i in range(n):
        word = SECRETS[i % len(SECRETS)]
        entry = journal.add_entry(Entry(title=f"{word} titel {i}", body=f"Om {word} og {i}\n" * 3))
        ids.append(entry.id)
    journal.save_draft("draft-1", {"body": f"kladde om {SECRETS[0]}", "format": 1})
    return ids


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def assert_no_plaintext(folder: Path) -> None:
    found = []
    for path in every_file(folder):
        data = path.read_bytes()
        for word in SECRETS:
            for form in (word.encode(), word.lower().encode(), orjson.dumps(word)[1:-1]):
                if form in data:
                    found.append((path, word))
    assert not found, found


def sibling_names(root: Path) -> list[str]:
    return sorted(p.name for p in root.parent.iterdir())


def test_encrypt_leaves_no_plaintext_anywhere(cli: Cli, journal_dir: Path) -> None:
    journal = Journal(journal_dir)
    ids = fill(journal)
    from eftertanke.store.backup import take_backup

    take_backup(journal)  # a backup of plain text, which must be encrypted too
    journal.lock.release()
    before = orjson.loads(cli.ok("list", "--json"))
    out = cli.ok("encrypt", "--cost", "14", env=ENV)
    assert out.startswith("Encrypted ")
    assert_no_plaintext(journal_dir)
    # Nothing left beside it: no staging folder, no old plain folder, no marker.
    assert sibling_names(journal_dir) == [journal_dir.name]
    backups = list((journal_dir / "backups").glob("backup-*"))
    assert backups and all(
        f.read_bytes().startswith(b"ETK1")
        for b in backups
        for f in b.rglob("*.json")
        if f.name != "eftertanke.json"
    )
    meta = orjson.loads((journal_dir / "eftertanke.json").read_bytes())
    assert meta["encryption"]["cipher"] == "AES-256-GCM" and meta["encryption"]["kdf"] == "scrypt"
    assert meta["encryption"]["n"] == 2**14
    after = orjson.loads(cli.ok("list", "--json", env=ENV))
    assert after == before
    shown = cli.ok("show", ids[0], env=ENV)
    assert SECRETS[0] in shown
    # Writing more keeps it encrypted: the new entry, its mirror, the meta.
    cli.ok("new", "-m", f"ny tekst om {SECRETS[1]}", env=ENV)
    assert_no_plaintext(journal_dir)
    drafts = Journal(journal_dir, passphrase=PASS).drafts()
    assert drafts[0]["body"].endswith(SECRETS[0])


def test_needs_the_passphrase(cli: Cli, journal_dir: Path) -> None:
    cli.ok("new", "-m", "x")
    cli.ok("encrypt", "--cost", "14", env=ENV)
    result = cli("list")
    assert result.returncode == 1
    assert "encrypted" in result.stderr and "EFTERTANKE_PASSPHRASE" in result.stderr
    assert "Traceback" not in result.stderr
    secret = journal_dir.parent / "pass.txt"
    secret.write_text(PASS + "\n")
    secret.chmod(0o600)
    assert cli.ok("--passphrase-file", str(secret), "list").strip()


def test_wrong_passphrase_changes_nothing(cli: Cli, journal_dir: Path) -> None:
    cli.ok("new", "-m", "x")
    cli.ok("encrypt", "--cost", "14", env=ENV)
    before = snapshot(journal_dir)
    for args in (("list",), ("new", "-m", "y"), ("doctor",), ("decrypt", "--yes"), ("passwd",)):
        result = cli(*args, env={"EFTERTANKE_PASSPHRASE": "not the passphrase",
                                 "EFTERTANKE_NEW_PASSPHRASE": "whatever123"})  # fmt: skip
        assert result.returncode == 1, args
        assert "wrong passphrase" in result.stderr, (args, result.stderr)
    assert snapshot(journal_dir) == before
    with pytest.raises(crypto.WrongPassphraseError):
        Journal(journal_dir, passphrase="nope nope nope")
    assert snapshot(journal_dir) == before


def _encrypted(journal_dir: Path, n: int = 10) -> list[str]:
    journal = Journal(journal_dir)
    ids = fill(journal, n)
    reencrypt.encrypt_journal(journal, PASS)
    return ids


def test_one_byte_tamper_is_detected_and_changes_nothing(cli: Cli, journal_dir: Path) -> None:
    ids = _encrypted(journal_dir)
    shard = journal_dir / "entries" / f"{ids[0][:2]}.json"
    data = bytearray(shard.read_bytes())
    for offset in (0, 5, len(data) // 2, len(data) - 1):  # magic, salt, body, tag
        tampered = bytearray(data)
        tampered[offset] ^= 0x01
        shard.write_bytes(bytes(tampered))
        before = snapshot(journal_dir)
        result = cli("show", ids[0], env=ENV)
        assert result.returncode == 1
        assert shard.name in result.stderr and "doctor --repair" in result.stderr, result.stderr
        assert SECRETS[0] not in result.stdout  # never half read
        listed = cli("list", env=ENV)
        assert listed.returncode == 1
        assert "cannot be decrypted" in listed.stderr and shard.name in listed.stderr
        assert snapshot(journal_dir) == before
    # doctor finds it and brings back the last good state from the mirror.
    shard.write_bytes(bytes(data[:-1]) + bytes([data[-1] ^ 1]))
    checked = cli("doctor", env=ENV)
    assert checked.returncode == 1 and shard.name in checked.stdout
    cli.ok("doctor", "--repair", env=ENV)
    assert SECRETS[0] in cli.ok("show", ids[0], env=ENV)


def test_files_cannot_be_swapped(journal_dir: Path) -> None:
    _encrypted(journal_dir, 40)
    shards = sorted((journal_dir / "entries").glob("*.json"))
    assert len(shards) >= 2
    shards[0].write_bytes(shards[1].read_bytes())  # a valid ciphertext, in the wrong place
    journal = Journal(journal_dir, passphrase=PASS)
    with pytest.raises(crypto.DecryptError, match=shards[0].name):
        journal.entries()


def test_passwd_keeps_every_entry(cli: Cli, journal_dir: Path) -> None:
    ids = _encrypted(journal_dir, 20)
    before = orjson.loads(cli.ok("list", "--json", env=ENV))
    data_before = {p.name: p.read_bytes() for p in (journal_dir / "entries").glob("*.json")}
    cli.ok("passwd", "--cost", "14", env={**ENV, "EFTERTANKE_NEW_PASSPHRASE": "another passphrase"})
    # Only the key's wrapping changed: the data files are byte for byte the same.
    assert {p.name: p.read_bytes() for p in (journal_dir / "entries").glob("*.json")} == data_before
    assert cli("list", env=ENV).returncode == 1
    new_env = {"EFTERTANKE_PASSPHRASE": "another passphrase"}
    assert orjson.loads(cli.ok("list", "--json", env=new_env)) == before
    # --rekey re-encrypts every file under a new key; still every entry.
    cli.ok("passwd", "--rekey", "--cost", "14",
           env={**new_env, "EFTERTANKE_NEW_PASSPHRASE": "third passphrase"})  # fmt: skip
    assert all(
        p.read_bytes() != data_before[p.name] for p in (journal_dir / "entries").glob("*.json")
    )
    third = {"EFTERTANKE_PASSPHRASE": "third passphrase"}
    assert orjson.loads(cli.ok("list", "--json", env=third)) == before
    assert SECRETS[0] in cli.ok("show", ids[0], env=third)
    assert_no_plaintext(journal_dir)


def test_decrypt_brings_back_plain_files(cli: Cli, journal_dir: Path) -> None:
    _encrypted(journal_dir)
    before = orjson.loads(cli.ok("list", "--json", env=ENV))
    cli.ok("decrypt", "--yes", env=ENV)
    assert orjson.loads(cli.ok("list", "--json")) == before
    assert not any(p.read_bytes().startswith(b"ETK1") for p in every_file(journal_dir))
    assert "encryption" not in orjson.loads((journal_dir / "eftertanke.json").read_bytes())
    assert sibling_names(journal_dir) == [journal_dir.name]


def test_a_short_passphrase_is_refused(cli: Cli) -> None:
    cli.ok("new", "-m", "x")
    result = cli("encrypt", env={"EFTERTANKE_PASSPHRASE": "short"})
    assert result.returncode == 1 and "at least" in result.stderr


def test_editor_is_refused_on_an_encrypted_journal(cli: Cli, journal_dir: Path) -> None:
    cli.ok("new", "-m", "x")
    cli.ok("encrypt", "--cost", "14", env=ENV)
    before = snapshot(journal_dir)
    result = cli("new", "--editor", env={**ENV, "EDITOR": "true"})
    assert result.returncode == 1 and "unencrypted" in result.stderr
    assert snapshot(journal_dir) == before


def test_meta_without_encryption_settings_is_not_taken_for_plain(journal_dir: Path) -> None:
    _encrypted(journal_dir)
    meta_path = journal_dir / "eftertanke.json"
    meta = orjson.loads(meta_path.read_bytes())
    del meta["encryption"]
    meta_path.write_bytes(orjson.dumps(meta))
    before = snapshot(journal_dir)
    with pytest.raises(JournalError, match="encrypted"):
        Journal(journal_dir).add_entry(Entry(body="plain text that must not land here"))
    assert snapshot(journal_dir) == before


def test_an_open_journal_stops_writing_once_another_process_encrypts(journal_dir: Path) -> None:
    open_plain = Journal(journal_dir)
    fill(open_plain, 3)
    reencrypt.encrypt_journal(Journal(journal_dir), PASS)
    with pytest.raises(JournalError, match="close and open it again"):
        open_plain.add_entry(Entry(body=f"{SECRETS[2]} written after the swap"))
    assert_no_plaintext(journal_dir)


# -- crashes --------------------------------------------------------------------------

CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from eftertanke.store import crypto, reencrypt
    from eftertanke.store.journal import Journal
    crypto.DEFAULT_LOG_N = crypto.MIN_LOG_N
    root, action, at = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    journal = Journal(root, passphrase="{passphrase}")
    if at == "building":
        real = reencrypt.files.atomic_write_bytes
        count = [0]
        def write(path, data, durable=True):
            count[0] += 1
            if count[0] == 8:
                os._exit(137)
            return real(path, data, durable=durable)
        reencrypt.files.atomic_write_bytes = write
    else:
        real_rename = os.rename
        renames = [0]
        def rename(a, b):
            if at == "before-renames" or (at == "between-renames" and renames[0] == 1):
                os._exit(137)
            renames[0] += 1
            real_rename(a, b)
        reencrypt.os.rename = rename
        real_rmtree = reencrypt.shutil.rmtree
        def rmtree(path, ignore_errors=False):
            if at == "before-cleanup":
                os._exit(137)
            real_rmtree(path, ignore_errors=ignore_errors)
        reencrypt.shutil.rmtree = rmtree
    if action == "encrypt":
        reencrypt.encrypt_journal(journal, "{passphrase}")
    else:
        reencrypt.decrypt_journal(journal)
    """
).replace("{passphrase}", PASS)


@pytest.mark.parametrize("action", ["encrypt", "decrypt"])
@pytest.mark.parametrize("at", ["building", "before-renames", "between-renames", "before-cleanup"])
def test_a_crash_mid_swap_leaves_old_or_new_whole(journal_dir: Path, action: str, at: str) -> None:
    journal = Journal(journal_dir)
    ids = fill(journal, 25)
    if action == "decrypt":
        reencrypt.encrypt_journal(journal, PASS)
    expected = sorted(e.to_dict()["body"] for e in Journal(journal_dir, passphrase=PASS).entries())
    script = journal_dir.parent / "crash.py"
    script.write_text(CRASH)
    result = subprocess.run(
        [sys.executable, str(script), str(journal_dir), action, at], capture_output=True, timeout=60
    )
    assert result.returncode == 137, result.stderr.decode()
    # The next open finishes or undoes the change, then everything is there.
    reopened = Journal(journal_dir, passphrase=PASS)
    assert sorted(e.body for e in reopened.entries()) == expected
    assert reopened.get_entry(ids[0]).title.startswith(SECRETS[0])
    assert sibling_names(journal_dir) == sorted([journal_dir.name, "crash.py"])
    finished = at != "building"
    assert reopened.encrypted == (finished if action == "encrypt" else not finished)
    if reopened.encrypted:
        assert_no_plaintext(journal_dir)
    else:
        assert not any(p.read_bytes().startswith(b"ETK1") for p in every_file(journal_dir))


WRITER = textwrap.dedent(
    """
    import sys
    from eftertanke.domain import Entry
    from eftertanke.store.journal import Journal
    journal = Journal(sys.argv[1], passphrase="{passphrase}")
    print("ready", flush=True)
    n = 0
    while True:
        journal.add_entry(Entry(title=f"crash {n}", body="Kirstenhemmelighed " * 50))
        n += 1
    """
).replace("{passphrase}", PASS)


def test_write_read_crash_cycle_on_an_encrypted_journal(cli: Cli, journal_dir: Path) -> None:
    _encrypted(journal_dir, 5)
    script = journal_dir.parent / "writer.py"
    script.write_text(WRITER)
    for _round in range(3):
        proc = subprocess.Popen([sys.executable, str(script), str(journal_dir)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(0.4)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        journal = Journal(journal_dir, passphrase=PASS)
        titles = [e.title for e in journal.entries()]
        assert len(titles) > 5
        checked = cli("doctor", env=ENV)
        assert checked.returncode == 0, checked.stdout
        assert_no_plaintext(journal_dir)
    assert not [p for p in journal_dir.rglob(".tmp-*")]


def test_a_hostile_marker_is_not_followed(journal_dir: Path, tmp_path: Path) -> None:
    Journal(journal_dir).add_entry(Entry(body="x"))
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep")
    marker = journal_dir.parent / f".{journal_dir.name}.eftertanke-swap"
    marker.write_bytes(orjson.dumps({"state": "building", "staging": "../victim", "old": "victim"}))
    Journal(journal_dir)
    assert (victim / "keep.txt").read_text() == "keep"
    assert not marker.exists()


def test_doctor_lists_entries_that_name_a_real_person(
    cli: Cli, journal_dir: Path, isolated_env: Path, tmp_path: Path
) -> None:
    key = tmp_path / "names.toml"
    key.write_text('[names]\n"Anne Hansen" = "[leder A]"\n')
    (isolated_env / "config.toml").write_text(f'names_key = "{key}"\n')
    named = cli.ok("new", "-m", "Talte med anne hansen om vagtplanen").strip()
    cli.ok("new", "-m", "Intet navn her")
    cli.ok("encrypt", "--cost", "14", env=ENV)
    out = cli.ok("doctor", env=ENV)
    lines = [line for line in out.splitlines() if "names key" in line]
    assert len(lines) == 1 and named[:8] in lines[0] and "Anne Hansen" in lines[0]


def test_umask_does_not_loosen_an_encrypted_journal(journal_dir: Path) -> None:
    old = os.umask(0)
    try:
        _encrypted(journal_dir)
    finally:
        os.umask(old)
    for path in [journal_dir, *journal_dir.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
