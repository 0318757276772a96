"""Does the real jrnl take what ``eftertanke export jrnl`` writes?

    python scripts/jrnl_roundtrip_check.py [--journal PATH] [--jrnl PATH-TO-jrnl]

Writes the journal's entries (default: the demo journal, journals/demo) in
jrnl's text form, imports them with ``jrnl --import --file`` into a fresh jrnl
set up in a temporary folder (its own config and journal file; the user's
jrnl is never touched), reads them back with ``jrnl --format json`` and
compares each entry's title, body, date, time, tags and star with what
eftertanke meant to write (``jrnl_json`` of the same entries). Prints a short
report; exits 1 if anything differs. jrnl is ``pip install jrnl`` (4.6 here).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eftertanke.export.jrnl import jrnl_json, jrnl_text  # noqa: E402
from eftertanke.store.journal import Journal  # noqa: E402

KEYS = ("title", "body", "date", "time", "tags", "starred")


def _config(folder: Path) -> dict[str, str]:
    """A jrnl of its own under ``folder``: config, journal file and home."""
    config = folder / "config" / "jrnl"
    config.mkdir(parents=True, exist_ok=True)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {folder / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.6\n",
        encoding="utf-8",
    )
    home = folder / "home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(home),
    }


def roundtrip(journal_path: Path, jrnl: str, folder: Path) -> dict[str, object]:
    """Export, import into jrnl, read back; what arrived and what differs."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = [e for e in Journal(journal_path).entries() if e.deleted is None]
    export = folder / "eftertanke-export.txt"
    export.write_bytes(jrnl_text(entries))
    env = _config(folder)
    done = subprocess.run(
        [jrnl, "--import", "--file", str(export)],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    back = subprocess.run(
        [jrnl, "--format", "json"],
        env=env, capture_output=True, text=True, timeout=120, check=True,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    arrived = json.loads(back.stdout)["entries"]
    meant = json.loads(jrnl_json(entries))["entries"]
    differences = []
    for number, (got, want) in enumerate(zip(arrived, meant, strict=False), start=1):
        for key in KEYS:
            left, right = got.get(key), want.get(key)
            if key == "tags":
                left, right = sorted(left or []), sorted(right or [])
            if left != right:
                differences.append({"entry": number, "field": key, "jrnl": left, "sent": right})
    return {
        "sent": len(meant),
        "imported": len(arrived),
        "starred": sum(1 for e in arrived if e.get("starred")),
        "tags": sum(len(e.get("tags") or []) for e in arrived),
        "jrnl_said": " ".join(
            line.strip("┃ ")
            for line in (done.stdout + done.stderr).splitlines()
            if "import" in line
        ),
        "differences": differences,
        "same": len(arrived) == len(meant) and not differences,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", type=Path, default=ROOT / "journals" / "demo")
    parser.add_argument("--jrnl", default=shutil.which("jrnl") or "jrnl")
    args = parser.parse_args()
    if not shutil.which(args.jrnl) and not Path(args.jrnl).exists():
        print(f"jrnl not found ({args.jrnl}); pip install jrnl", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="jrnl-check-") as tmp:
        report = roundtrip(args.journal, args.jrnl, Path(tmp))
    differences = report.pop("differences")
    for key, value in report.items():
        print(f"{key}: {value}")
    for item in differences[:20]:  # type: ignore[index]
        print(
            f"  entry {item['entry']} {item['field']}: jrnl {item['jrnl']!r} sent {item['sent']!r}"
        )
    if len(differences) > 20:  # type: ignore[arg-type]
        print(f"  … {len(differences) - 20} more")  # type: ignore[arg-type]
    return 0 if report["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
