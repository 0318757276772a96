"""Write the help of every command and option, in the code's English, into locale/en.json.

Walks the click command tree (``eftertanke.cli.help_words``) and sets each
``cli.help.*`` key of en.json to today's text, dropping keys of commands and
options that are gone; prints the keys da.json still lacks. Then run
`python scripts/sort_catalogue.py`.
"""

from pathlib import Path

import orjson

from eftertanke.cli import cli, help_words

LOCALE = Path(__file__).resolve().parent.parent / "src" / "eftertanke" / "locale"

texts = help_words.english_texts(cli)
path = LOCALE / "en.json"
catalogue = orjson.loads(path.read_bytes())
stale = [k for k in catalogue if k.startswith(f"{help_words.PREFIX}.") and k not in texts]
for key in stale:
    del catalogue[key]
catalogue.update(texts)
path.write_bytes(orjson.dumps(catalogue, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
print(f"en.json: {len(texts)} help texts, {len(stale)} stale keys removed")

danish = orjson.loads((LOCALE / "da.json").read_bytes())
for key in sorted(set(texts) - set(danish)):
    print(f"da.json lacks {key}")
