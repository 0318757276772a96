"""Put locale/*.json in canonical order (sorted keys, two-space indent), in place.

Run after adding words by hand: `python scripts/sort_catalogue.py`.
"""

from pathlib import Path

import orjson

LOCALE = Path(__file__).resolve().parent.parent / "src" / "eftertanke" / "locale"

for path in sorted(LOCALE.glob("*.json")):
    data = orjson.loads(path.read_bytes())
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    print(f"{path.name}: {len(data)} keys")
