#!/usr/bin/env python3
"""Would a learned combination of factdiff's findings flag pairs better than the
severity threshold does?

Features per pair: the count of each (rule, severity) among its unsupported and
contradiction findings, info ones included, plus the draft's length. Model: a
class-balanced logistic regression (scikit-learn), scored out of fold, with the
pairs grouped by source text so that no article is both trained and scored on.
Prints the out-of-fold balanced accuracy next to factdiff's own (a pair is
flagged by any warning or error finding).

A measurement tool, not part of factdiff.
Usage:
    factdiff batch PAIRS.jsonl > results.jsonl
    python3 tools/combiner_cv.py PAIRS.jsonl results.jsonl
"""
import collections
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

FOLDS = 5


def main(pairs_path, results_path):
    pairs = [json.loads(line) for line in open(pairs_path, encoding="utf-8")]
    results = {}
    for line in open(results_path, encoding="utf-8"):
        r = json.loads(line)
        results[r["id"]] = r["result"]["findings"]
    claims = lambda fs: [f for f in fs if f["kind"] != "omission"]
    names = sorted({f["rule"] + ":" + f["severity"] for fs in results.values() for f in claims(fs)})
    x, y, groups, own = [], [], [], []
    for p in pairs:
        fs = claims(results[p["id"]])
        c = collections.Counter(f["rule"] + ":" + f["severity"] for f in fs)
        x.append([c.get(n, 0) for n in names] + [len(p["draft"]) / 100])
        y.append(p["label"] == "inconsistent")
        groups.append(p["source"])
        own.append(any(f["severity"] in ("warning", "error") for f in fs))
    x, y, own = np.log1p(np.array(x, float)), np.array(y), np.array(own)
    fold = {g: i % FOLDS for i, g in enumerate(sorted(set(groups)))}
    held = np.array([fold[g] for g in groups])
    pred = np.zeros(len(y), bool)
    for k in range(FOLDS):
        m = LogisticRegression(class_weight="balanced", max_iter=2000).fit(x[held != k], y[held != k])
        pred[held == k] = m.predict(x[held == k])

    def ba(p):
        return ((p & y).sum() / y.sum() + (~p & ~y).sum() / (~y).sum()) / 2

    print(f"pairs {len(y)}  factdiff balanced accuracy {ba(own):.3f}  learned combination, out of fold {ba(pred):.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
