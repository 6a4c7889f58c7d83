#!/usr/bin/env python3
"""List the quotations two outlets of a BASIL triplet word differently, and
score factdiff's `quote-altered` findings on them (issue 22).

Independent of factdiff's own quotation matching: quotations are the text
between double marks (straight or curly) in one paragraph; two outlets' quotes
are one statement when they share at least half their words (Dice over word
multisets, 4+ words each) and at least half the content words (factdiff's
stopwords aside) of the quote with fewer of them. The pair is *worded differently* when neither
quote's words (lower case, punctuation and ellipses left out, a word masked with
asterisks equal to the word it can be; a [bracketed] or
(parenthesised) word read both as the writer's insertion and as a word put for
the speaker's) are a contiguous run of the other's, spacing aside, and it is no
part of any other source quotation either; else *identical* (a verbatim part).

    python3 tools/basil_quotes.py ../shared/data/basil.articles.jsonl \
        [--factdiff target/release/factdiff] [--list] [--triplets 0-99]

A third view reads a contraction or symbol written out on one side
("they're" / "they are", "&" / "and"; the forms in rules/checks.yaml) as no
change, as factdiff does.

The summary also gives the figures with a draft quote whose words, between its
ellipses, are the source quote's in order (words left out only where an
ellipsis stands; the first part may begin before the source quote and the last
run past it) counted as no change, as issue 22 defines an altered quotation;
a finding on such a pair is counted there as `elided_flagged`.

For each ordered outlet pair (nyt -> hpo, nyt -> fox, hpo -> fox), factdiff
compares the first outlet (source) with the second (draft). A differently
worded pair is *caught* when a `quote-altered` finding links the two quotes
(its draft span overlaps the draft quote and its source span the source
quote); an identical pair is a *false alarm* when one does. A finding on
another part of a draft quote that joins two source quotations is about that
other pair, not this one.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

MARKS = re.compile(r'["\u201c\u201d]')
# a word masked with asterisks ("f***ing") is one word
# ("&" is a word too: it stands for "and")
WORD = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f]+(?:\*+[0-9A-Za-z\u00c0-\u024f]*)*(?:['\u2019][A-Za-z]+)?|&"
)
PAIRS = [("nyt", "hpo"), ("nyt", "fox"), ("hpo", "fox")]
MIN_WORDS = 4
ELLIPSIS = "\x00"
SAME_STATEMENT = 0.5


def quotes(text):
    """(start, end, words) of each quotation: marks paired within a paragraph."""
    out = []
    offset = 0
    for para in text.split("\n"):
        marks = [m.start() for m in MARKS.finditer(para)]
        for a, b in zip(marks[0::2], marks[1::2]):
            marked = para[a + 1 : b].replace("\u2026", ELLIPSIS).replace("...", ELLIPSIS)
            inner = marked.replace(ELLIPSIS, " ")
            # the writer's [bracketed] and (parenthesised) words: an insertion
            # (left out) or a word put for the speaker's (kept, marks aside)
            inserted = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", inner)
            put_for = re.sub(r"[\[\]()]", " ", inner)
            words = words_of(inserted)
            if len(words) >= MIN_WORDS:
                forms = [words] if put_for == inserted else [words, words_of(put_for)]
                # the words between ellipses (the writer's insertions left out)
                parts = [
                    words_of(re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", piece))
                    for piece in marked.split(ELLIPSIS)
                ]
                parts = [p for p in parts if p]
                out.append((offset + a + 1, offset + b, words, forms, parts))
        offset += len(para) + 1
    return out


def words_of(text):
    """The words of a quotation's text: lower case, apostrophes folded."""
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text)]


def dice(a, b):
    ca, cb = collections.Counter(a), collections.Counter(b)
    shared = sum((ca & cb).values())
    return 2 * shared / (len(a) + len(b))


def same_word(x, y):
    """Equal, or one masks the other: "f***ing" can be "fucking"."""
    if x == y:
        return True
    masked, word = (x, y) if "*" in x else (y, x)
    return (
        "*" in masked
        and len(masked) == len(word)
        and all(m == "*" or m == w for m, w in zip(masked, word))
    )


def load_checks():
    """factdiff's rules/checks.yaml, read once ({} without PyYAML)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rules", "checks.yaml")
    try:
        import yaml
    except ImportError:
        return {}
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


CHECKS = load_checks()
# contraction endings and whole words with the words they stand for
ENDINGS = CHECKS.get("contraction_endings") or {}
WRITTEN_OUT = CHECKS.get("written_out") or {}
# words that make no statement alike ("there's a lot of" is in both "a lot of
# soul-searching" and "a whole lot of anger")
STOPWORDS = {str(w).lower() for w in CHECKS.get("stopwords") or []}


def one_statement(a, b):
    """Two quotations are one statement: half their words shared (Dice), and
    half the content words (stopwords aside) of the one with fewer shared
    with the other, when both have some (a part of a statement shares all)."""
    if dice(a, b) < SAME_STATEMENT:
        return False
    ca = collections.Counter(w for w in a if w not in STOPWORDS)
    cb = collections.Counter(w for w in b if w not in STOPWORDS)
    if not ca or not cb:
        return True
    shared = sum((ca & cb).values())
    return shared >= SAME_STATEMENT * min(sum(ca.values()), sum(cb.values()))


def written_out(words):
    """The words with each contraction or symbol written out (its first
    reading: "they're" -> "they are", "&" -> "and")."""
    out = []
    for w in words:
        if w in WRITTEN_OUT:
            out.extend(WRITTEN_OUT[w][0].split())
            continue
        for ending, forms in ENDINGS.items():
            if w.endswith(ending) and len(w) > len(ending):
                out.append(w[: -len(ending)])
                out.extend(forms[0].split())
                break
        else:
            out.append(w)
    return out


def contains_run(long, short):
    n = len(short)
    return any(
        all(same_word(x, y) for x, y in zip(long[i : i + n], short))
        for i in range(len(long) - n + 1)
    )


def spaced_part(long, short):
    """Whether `short`'s words, run together, stand in `long`'s run together,
    from a word's start to a word's end ("work force" in "the workforce")."""
    starts, ends, at = set(), set(), 0
    for w in long:
        starts.add(at)
        at += len(w)
        ends.add(at)
    joined, needle = "".join(long), "".join(short)
    i = joined.find(needle)
    while i >= 0:
        if i in starts and i + len(needle) in ends:
            return True
        i = joined.find(needle, i + 1)
    return False


def runs_at(src, part, pos):
    """Where `part` stands in `src` word for word, from word `pos` on."""
    n = len(part)
    return [
        i
        for i in range(pos, len(src) - n + 1)
        if all(same_word(x, y) for x, y in zip(src[i : i + n], part))
    ]


def apart(src, part):
    """Whether `part` shares no two words in a row with `src`: words of the
    statement outside the source's quote, not a changed run of it."""
    return not any(runs_at(src, part[k : k + 2], 0) for k in range(len(part) - 1))


def ellipsis_explained(src, parts, i=0, pos=0, placed=False):
    """Whether the draft quote's parts between ellipses, from part `i` on and
    source word `pos` on, are the source quote's words in order, each part a
    run of them, words left out only where an ellipsis stands. The first part
    may begin before the source quote does and the last run past its end (the
    draft quotes more of the statement), or lie wholly outside it, sharing no
    two words in a row with it, when another part is in it."""
    if i == len(parts):
        return placed
    part, first, last = parts[i], i == 0, i == len(parts) - 1
    for start in runs_at(src, part, pos):
        if ellipsis_explained(src, parts, i + 1, start + len(part), True):
            return True
    if first:
        for k in range(1, len(part)):
            if all(same_word(x, y) for x, y in zip(part[-k:], src[:k])):
                if ellipsis_explained(src, parts, i + 1, k, True):
                    return True
        if apart(src, part) and ellipsis_explained(src, parts, i + 1, 0, placed):
            return True
    if last:
        for k in range(1, len(part)):
            at = len(src) - k
            if at >= pos and all(same_word(x, y) for x, y in zip(part[:k], src[at:])):
                return True
        if placed and apart(src, part):
            return True
    return False


def pairs_of(src_text, drf_text):
    """(draft quote, source quote, identical, identical but for ellipses,
    identical but for contractions and symbols written out) for each draft
    quote with a counterpart."""
    src = quotes(src_text)
    out = []
    for dq in quotes(drf_text):
        best = max(src, key=lambda sq: dice(sq[2], dq[2]), default=None)
        if best is None or not one_statement(best[2], dq[2]):
            continue
        # the same words as some source quotation's, or a part of them (spacing
        # aside: "work force" / "workforce"); or the counterpart is a part of
        # the draft's (a draft quoting more of the statement). A short source
        # quotation that the draft's happens to hold is no counterpart.
        def part(long, short):
            return any(
                contains_run(lf, sf) or spaced_part(lf, sf)
                for lf in long[3]
                for sf in short[3]
            )

        same = any(part(sq, dq) for sq in src) or part(dq, best)

        # the same words once contractions and symbols are written out on
        # both sides ("they're" / "they are", "&" / "and"): a transcription's
        # style, not a change of words
        def part_written(long, short):
            return any(
                contains_run(written_out(lf), written_out(sf))
                for lf in long[3]
                for sf in short[3]
            )

        written = not same and (any(part_written(sq, dq) for sq in src) or part_written(dq, best))
        # the issue's own allowance: words left out where the draft puts an
        # ellipsis are no change
        elided = (
            not same
            and len(dq[4]) > 1
            and any(ellipsis_explained(sf, dq[4]) for sf in best[3])
        )
        out.append((dq, best, same, elided, written))
    return out


def byte_span(text, start, end):
    """Character offsets to UTF-8 byte offsets (factdiff's spans are bytes)."""
    return len(text[:start].encode()), len(text[:end].encode())


def view_without(counts, kind, flagged_name):
    """The caught figures with the differing pairs of `kind` ("elided",
    "written") counted as no change, and how many of those were flagged."""
    differs = counts["differs"] - counts[kind]
    caught = counts["differs flagged"] - counts[kind + " flagged"]
    return {
        "worded_differently": differs,
        "caught": caught,
        "caught_share": round(caught / differs, 3) if differs > 0 else None,
        flagged_name: counts[kind + " flagged"],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("--factdiff", default="target/release/factdiff")
    ap.add_argument("--list", action="store_true", help="print each pair")
    ap.add_argument("--triplets", default="0-99", help="range of sorted triplet indices")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.triplets.split("-"))
    by = collections.defaultdict(dict)
    with open(args.articles, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            by[d["triplet"]][d["outlet"]] = d["text"]
    keys = sorted(by)[lo : hi + 1]
    counts = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k, key in enumerate(keys, start=lo):
            for s_out, d_out in PAIRS:
                if s_out not in by[key] or d_out not in by[key]:
                    continue
                s_text, d_text = by[key][s_out], by[key][d_out]
                found = pairs_of(s_text, d_text)
                if not found:
                    continue
                sp, dp = os.path.join(tmp, "s.txt"), os.path.join(tmp, "d.txt")
                with open(sp, "w", encoding="utf-8") as f:
                    f.write(s_text)
                with open(dp, "w", encoding="utf-8") as f:
                    f.write(d_text)
                run = subprocess.run(
                    [args.factdiff, "compare", sp, dp, "--format", "json", "--no-config"],
                    capture_output=True,
                    text=True,
                )
                report = json.loads(run.stdout)
                altered = [
                    (f["source_spans"], f["draft_spans"])
                    for f in report["findings"]
                    if f["rule"] == "quote-altered"
                ]

                def overlaps(spans, span):
                    return any(s["start"] < span[1] and span[0] < s["end"] for s in spans)

                for dq, sq, same, elided, written in found:
                    d_span = byte_span(d_text, dq[0], dq[1])
                    s_span = byte_span(s_text, sq[0], sq[1])
                    flagged = any(
                        overlaps(drf, d_span) and overlaps(src, s_span) for src, drf in altered
                    )
                    kind = "identical" if same else "differs"
                    counts[kind] += 1
                    counts[kind + (" flagged" if flagged else " not flagged")] += 1
                    if elided:
                        counts["elided"] += 1
                        counts["elided flagged"] += flagged
                    if written:
                        counts["written"] += 1
                        counts["written flagged"] += flagged
                    if args.list:
                        print(
                            json.dumps(
                                {
                                    "triplet": k,
                                    "source": s_out,
                                    "draft": d_out,
                                    "kind": kind,
                                    "elided": elided,
                                    "written_out": written,
                                    "flagged": flagged,
                                    "source_quote": s_text[sq[0] : sq[1]],
                                    "draft_quote": d_text[dq[0] : dq[1]],
                                },
                                ensure_ascii=False,
                            )
                        )
    differs, identical = counts["differs"], counts["identical"]
    summary = {
        "worded_differently": differs,
        "caught": counts["differs flagged"],
        "caught_share": round(counts["differs flagged"] / differs, 3) if differs else None,
        "identical": identical,
        "false_on_identical": counts["identical flagged"],
        # the same, with words left out where the draft puts an ellipsis read
        # as no change (the definition of an altered quotation)
        "ellipsis_aware": view_without(counts, "elided", "elided_flagged"),
        # the same, with a contraction or symbol written out ("they're" /
        # "they are") read as no change: factdiff reads it as typography
        "written_out_aware": view_without(counts, "written", "written_out_flagged"),
    }
    print(json.dumps(summary), file=sys.stderr if args.list else sys.stdout)


if __name__ == "__main__":
    main()
