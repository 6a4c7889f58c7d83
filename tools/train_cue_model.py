#!/usr/bin/env python3
"""Train the learned cue model in rules/cue_model.tsv.

Input: the token features of an attribution file, written by
    cargo run --release --example cue_features -- ../shared/data/polnear.train.attrib.jsonl > train.tsv
Each line is `label<TAB>article<TAB>feature feature ...`.

The model is an L2 logistic regression (scikit-learn). The two thresholds
(`@keep`: a rule cue stays; `@add`: a run of tokens becomes a new cue) are chosen
on out-of-fold predictions over the training articles, so no held-out data is
used. Usage: train_cue_model.py train.tsv rules/cue_model.tsv
"""
import collections
import sys

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

MIN_COUNT = 2
C = 1.0
FOLDS = 3
MIN_WEIGHT = 0.1


def read(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        label, article, feats = line.rstrip("\n").split("\t")
        rows.append((int(label), int(article), feats.split(" ")))
    return rows


def runs(flags):
    out, start = [], None
    for i, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i))
            start = None
    return out


def match(pred, gold):
    pairs = sorted(
        (-(min(p[1], g[1]) - max(p[0], g[0])), i, j)
        for i, p in enumerate(pred)
        for j, g in enumerate(gold)
        if p[0] < g[1] and g[0] < p[1]
    )
    used_p, used_g, n = set(), set(), 0
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            n += 1
    return n


def cue_f1(rows, probs, keep, add):
    """Cue F1 of the revised attributions, token runs standing for spans."""
    tp = npred = ngold = 0
    by_article = collections.defaultdict(list)
    for (label, article, feats), p in zip(rows, probs):
        by_article[article].append((label, "rc" in feats, p))
    for toks in by_article.values():
        gold = runs(t[0] == 1 for t in toks)
        rule = runs(t[1] for t in toks)
        kept = [r for r in rule if max(t[2] for t in toks[r[0]:r[1]]) >= keep]
        new = [
            r
            for r in runs(t[2] >= add for t in toks)
            if not any(r[0] < b and a < r[1] for a, b in rule)
        ]
        pred = kept + new
        tp += match(pred, gold)
        npred += len(pred)
        ngold += len(gold)
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    return 2 * p * r / max(p + r, 1e-9)


def fit(rows, vocab):
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats if f in vocab} for _, _, feats in rows])
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(x, [label for label, _, _ in rows])
    return vec, model


def predict(vec, model, rows):
    return model.predict_proba(vec.transform([{f: 1 for f in feats} for _, _, feats in rows]))[:, 1]


def main():
    rows = read(sys.argv[1])
    counts = collections.Counter(f for _, _, feats in rows for f in feats)
    vocab = {f for f, c in counts.items() if c >= MIN_COUNT}
    probs = [0.0] * len(rows)
    for fold in range(FOLDS):
        train = [r for r in rows if r[1] % FOLDS != fold]
        held = [i for i, r in enumerate(rows) if r[1] % FOLDS == fold]
        vec, model = fit(train, vocab)
        for i, p in zip(held, predict(vec, model, [rows[i] for i in held])):
            probs[i] = p
        print(f"fold {fold} done", file=sys.stderr)
    grid = [(cue_f1(rows, probs, k / 20, a / 20), k / 20, a / 20)
            for k in range(0, 11) for a in range(6, 17)]
    f1, keep, add = max(grid)
    print(f"out-of-fold cue F1 {f1:.3f} at keep {keep} add {add}", file=sys.stderr)
    vec, model = fit(rows, vocab)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("# Learned attribution-cue weights (logistic regression over token features;\n")
        out.write("# see src/extract/cue_model.rs). Made by tools/train_cue_model.py from\n")
        out.write("# polnear.train; thresholds chosen on its out-of-fold predictions.\n")
        out.write(f"@bias\t{model.intercept_[0]:.4f}\n@keep\t{keep}\n@add\t{add}\n")
        for name, w in sorted(zip(vec.get_feature_names_out(), model.coef_[0])):
            if abs(w) >= MIN_WEIGHT:
                out.write(f"{name}\t{w:.3f}\n")


if __name__ == "__main__":
    main()
