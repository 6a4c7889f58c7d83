#!/usr/bin/env python3
"""Measure `role-swap` (issue 20) and `entity-swap` of a given name on real
sentences with planted edits.

For every BASIL article of the chosen triplets, `factdiff extract` gives the
claim frames. A frame of an active clause whose subject and object are short
names (one to three capitalised words, no pronoun, no quotation mark or comma,
subject before predicate before object) gives one case: the draft is that one
sentence with the two names traded ("Rubio assailed Obama" -> "Obama assailed
Rubio"); the control is the sentence unchanged. Each is compared with the
whole article.

With `--edit joined-antonym`, each case is two adjacent sentences of the
article (no quotation marks) joined into one ("S1, and S2"), with a word of
the second that `rules/antonyms.yaml` pairs replaced by its antonym ("the
sentencing phase will begin" -> "will end"; at most three per article): a
draft sentence that joins two claims, one of them flipped; the control joins
the two unchanged. The rule counted is `antonym`. `--edit joined-number`
joins two sentences the same way and changes the first number of two or more
digits in the second (not a year: 1900-2099) by adding one to its first digit
("$84,000" -> "$94,000"); the rule counted is `quantity`.

With `--edit other-person`, each case is a sentence (no quotation marks)
naming a person of the article by two capitalised words, with that name
replaced by another person the article names so elsewhere and this sentence
does not ("Rory McIlroy carded a 71" -> "Justin Rose carded a 71"; at most
three per article): an intrinsic swap. The rule counted is `entity-swap`.

With `--edit given-name`, each case is instead a sentence (no quotation
marks) naming a person "First Last" (an entity of kind person written as two
capitalised words; at most three per article), with First replaced by a given
name the article never uses ("Jodi Arias" -> "Michael Arias"); the rule
counted is `entity-swap`.

    python3 tools/basil_planted_edits.py ../shared/data/basil.articles.jsonl \
        [--factdiff target/release/factdiff] [--half even|odd|all] \
        [--edit role-swap|given-name|other-person|joined-antonym|joined-number]

Prints the edits caught by the rule, by any error-severity finding, and the
controls with that rule or any error. Triplets with an even number (sorted by
id) are the tuning half, odd ones the checking half.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

PRONOUNS = {"i", "he", "she", "it", "we", "they", "you", "who", "that", "this",
            "these", "those", "there"}
# words of a name that may be lower case ("Department of State")
NAME_LINKS = {"the", "of"}


def is_name(text):
    words = text.split()
    return (1 <= len(words) <= 3
            and text.lower() not in PRONOUNS
            and all(w[:1].isupper() for w in words if w.lower() not in NAME_LINKS)
            and not re.search(r"['’\"“”,]", text))


def cases_of(factdiff, path):
    out = subprocess.run([factdiff, "extract", path, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    raw = open(path, encoding="utf-8").read().encode("utf-8")
    for f in d["frames"]:
        if f["negated"]:
            continue
        subj = [p for p in f["participants"] if p["role"] == "nsubj"]
        obj = [p for p in f["participants"] if p["role"] == "obj"]
        if len(subj) != 1 or len(obj) != 1:
            continue
        a, b = subj[0], obj[0]
        if not (is_name(a["text"]) and is_name(b["text"])) or a["text"] == b["text"]:
            continue
        if not (a["end"] <= f["predicate"]["start"] and f["predicate"]["end"] <= b["start"]):
            continue
        s = d["sentences"][f["sentence"]]
        ss, se = s["start"], s["end"]
        swapped = (raw[ss:a["start"]] + raw[b["start"]:b["end"]] + raw[a["end"]:b["start"]]
                   + raw[a["start"]:a["end"]] + raw[b["end"]:se])
        yield raw[ss:se].decode("utf-8"), swapped.decode("utf-8")


# common given names (US census), tried in turn: the first the article never uses
GIVEN_NAMES = ["Michael", "Susan", "Robert", "Linda", "Thomas", "Karen", "Daniel", "Nancy",
               "Steven", "Donna"]


def given_name_cases(factdiff, path):
    out = subprocess.run([factdiff, "extract", path, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    text = open(path, encoding="utf-8").read()
    raw = text.encode("utf-8")
    made = 0
    for e in d["entities"]:
        if e["kind"] != "person" or made >= 3:
            continue
        for m in e["mentions"]:
            words = m["text"].split()
            if len(words) != 2 or not re.fullmatch(r"[A-Z][a-z]+", words[0]):
                continue
            new = next((n for n in GIVEN_NAMES if n not in text), None)
            s = next(s for s in d["sentences"] if s["start"] <= m["start"] < s["end"])
            sentence = raw[s["start"]:s["end"]].decode("utf-8")
            if new is None or re.search(r'["“”]', sentence):
                continue
            edited = (raw[s["start"]:m["start"]] + new.encode("utf-8")
                      + raw[m["start"] + len(words[0].encode("utf-8")):s["end"]])
            yield sentence, edited.decode("utf-8")
            made += 1
            break


def other_person_cases(factdiff, path):
    out = subprocess.run([factdiff, "extract", path, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    raw = open(path, encoding="utf-8").read().encode("utf-8")
    two_words = lambda t: re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", t) is not None
    people = [(e, [m for m in e["mentions"] if two_words(m["text"])]) for e in d["entities"]
              if e["kind"] == "person"]
    people = [(e, ms) for e, ms in people if ms]
    made = 0
    for e, ms in people:
        if made >= 3:
            break
        m = ms[0]
        s = next(s for s in d["sentences"] if s["start"] <= m["start"] < s["end"])
        sentence = raw[s["start"]:s["end"]].decode("utf-8")
        if re.search(r'["“”]', sentence):
            continue
        other = next((o for o, oms in people if o is not e
                      and not any(s["start"] <= x["start"] < s["end"] for x in o["mentions"])),
                     None)
        if other is None:
            continue
        name = next(x["text"] for x in other["mentions"] if two_words(x["text"]))
        edited = (raw[s["start"]:m["start"]] + name.encode("utf-8") + raw[m["end"]:s["end"]])
        yield sentence, edited.decode("utf-8")
        made += 1


def antonym_pairs():
    """{word: antonym} both ways, from rules/antonyms.yaml."""
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "..", "rules", "antonyms.yaml"), encoding="utf-8").read()
    pairs = {}
    for line in text.split("pairs: |", 1)[1].splitlines():
        words = line.split()
        if len(words) == 2:
            pairs.setdefault(words[0], words[1])
            pairs.setdefault(words[1], words[0])
    return pairs


ANTONYMS = None


def joined_antonym_cases(factdiff, path):
    global ANTONYMS
    if ANTONYMS is None:
        ANTONYMS = antonym_pairs()
    made = 0
    for first, second in adjacent_sentences(factdiff, path):
        if made >= 3:
            break
        words = re.findall(r"[a-z]+", second)
        w = next((w for w in words if w in ANTONYMS and len(w) > 3), None)
        if w is None:
            continue
        flipped = re.sub(r"\b" + w + r"\b", ANTONYMS[w], second, count=1)
        if flipped == second:
            continue
        yield first[:-1] + ", and " + second, first[:-1] + ", and " + flipped
        made += 1


def adjacent_sentences(factdiff, path):
    """Pairs of adjacent sentences of the article without quotation marks,
    the first ending with a full stop, the second's first letter lowered
    where the article writes its first word in lower case too."""
    out = subprocess.run([factdiff, "extract", path, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    text = open(path, encoding="utf-8").read()
    raw = text.encode("utf-8")
    sentences = [raw[s["start"]:s["end"]].decode("utf-8").strip() for s in d["sentences"]]
    for first, second in zip(sentences, sentences[1:]):
        if re.search(r'["“”]', first + second) or not first.endswith("."):
            continue
        opener = second.split()[0]
        if re.search(r"\b" + re.escape(opener.lower()) + r"\b", text):
            second = second[0].lower() + second[1:]
        yield first, second


def joined_number_cases(factdiff, path):
    made = 0
    for first, second in adjacent_sentences(factdiff, path):
        if made >= 3:
            break
        m = next((m for m in re.finditer(r"(?<![\d.,])\d[\d,]*\d(?![\d])", second)
                  if not re.fullmatch(r"(19|20)\d\d", m.group())), None)
        if m is None:
            continue
        digits = m.group()
        changed = str((int(digits[0]) + 1) % 10 or 1) + digits[1:]
        flipped = second[:m.start()] + changed + second[m.end():]
        yield first[:-1] + ", and " + second, first[:-1] + ", and " + flipped
        made += 1


def findings(factdiff, source, draft_text, scratch):
    path = os.path.join(scratch, "draft.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(draft_text + "\n")
    out = subprocess.run([factdiff, "compare", source, path, "--format", "json", "--no-config"],
                         capture_output=True, text=True).stdout
    return json.loads(out)["findings"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("--factdiff", default="target/release/factdiff")
    ap.add_argument("--half", default="all", choices=["even", "odd", "all"])
    ap.add_argument("--edit", default="role-swap", choices=["role-swap", "given-name", "other-person", "joined-antonym",
                                                  "joined-number"])
    args = ap.parse_args()
    by_triplet = {}
    for line in open(args.articles, encoding="utf-8"):
        art = json.loads(line)
        by_triplet.setdefault(art["triplet"], []).append(art)
    counts = dict(cases=0, caught=0, caught_error=0, control_swap=0, control_error=0)
    with tempfile.TemporaryDirectory() as scratch:
        for n, triplet in enumerate(sorted(by_triplet)):
            if args.half != "all" and (n % 2 == 0) != (args.half == "even"):
                continue
            for art in by_triplet[triplet]:
                source = os.path.join(scratch, "source.txt")
                with open(source, "w", encoding="utf-8") as fh:
                    fh.write(art["text"])
                make, rule = {
                    "role-swap": (cases_of, "role-swap"),
                    "given-name": (given_name_cases, "entity-swap"),
                    "other-person": (other_person_cases, "entity-swap"),
                    "joined-antonym": (joined_antonym_cases, "antonym"),
                    "joined-number": (joined_number_cases, "quantity"),
                }[args.edit]
                for same, swapped in list(make(args.factdiff, source)):
                    counts["cases"] += 1
                    got = findings(args.factdiff, source, swapped, scratch)
                    counts["caught"] += any(f["rule"] == rule for f in got)
                    counts["caught_error"] += any(f["severity"] == "error" for f in got)
                    got = findings(args.factdiff, source, same, scratch)
                    counts["control_swap"] += any(f["rule"] == rule for f in got)
                    counts["control_error"] += any(f["severity"] == "error" for f in got)
    json.dump(counts, sys.stdout)
    print()


if __name__ == "__main__":
    main()
