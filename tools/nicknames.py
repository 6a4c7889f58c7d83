#!/usr/bin/env python3
"""Rebuild rules/nicknames.yaml from the nickname list of
github.com/carltonnorthern/nicknames (names.csv, Apache-2.0; its licence is
rules/LICENSE-nicknames.txt).

Input: the CSV (`name1,relationship,name2`, one "has_nickname" relation a line).
Output: one line per given name: the name, then its nicknames, all in lower case,
sorted, so that the file diffs cleanly when the list is updated.

Usage: python3 tools/nicknames.py ../shared/data/names/nicknames.csv > rules/nicknames.yaml
"""
import collections
import csv
import sys

HEADER = """\
# Given names and their nicknames, one name a line: the name, then its nicknames
# ("robert bob bobby rob ..."). "Bob McCulloch" and "Robert McCulloch" are one person;
# two names that only share a nickname are not linked by it.
# Derived from github.com/carltonnorthern/nicknames (names.csv, Apache-2.0; licence in
# rules/LICENSE-nicknames.txt). Rebuilt by tools/nicknames.py; do not edit by hand.
"""


def main(path):
    groups = collections.defaultdict(set)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["relationship"] != "has_nickname":
                continue
            name, nick = row["name1"].strip().lower(), row["name2"].strip().lower()
            if name and nick and name != nick:
                groups[name].add(nick)
    out = [HEADER, "names: |\n"]
    for name in sorted(groups):
        out.append("  " + " ".join([name] + sorted(groups[name])) + "\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
