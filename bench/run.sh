#!/usr/bin/env bash
# End-to-end figures that criterion cannot give: whole-process time and peak
# memory of the release binary. Needs Python 3; parts needing ../shared/data
# skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q --bin factdiff --example peak
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The binary is measured as installed (`cargo install` copies it): a file the
# linker has just written sits in the page cache in small pieces, and a run
# of it takes a quarter more page faults at start (847 against 669 for a
# tiny compare, 3.6 against 2.9 ms), until the cache is dropped.
cp target/release/factdiff "$tmp/factdiff"
bin=$tmp/factdiff

# Medians of whole-process CPU time and peak memory (bench/measure.py), appended
# to docs/performance.md with the commit; then the adversarial shapes of issue
# 24, each the median of 3 runs. Pass --quick to skip the 15 MB case.
python3 bench/measure.py "$bin" "$@"

peak() {
  python3 - "$@" <<'PY'
import statistics, subprocess, sys
runs = [subprocess.run(["target/release/examples/peak", *sys.argv[1:]], capture_output=True, text=True).stdout.split() for _ in range(3)]
print(f"{statistics.median(float(r[0]) for r in runs):.2f} s CPU, peak {statistics.median(int(r[1]) for r in runs)} KB (median of 3)")
PY
}

# the adversarial shapes of issue 24, each at its stated size (natural text of
# every size is in the growth table above)
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
open(f"{t}/numbers.txt", "w").write("The team recorded " + " and then ".join(f"{i} wins" for i in range(1600)) + " this season.\n")
open(f"{t}/list.txt", "w").write("The board named three priorities: " + ", ".join(f"item{i} alpha{i % 50}" for i in range(2500)) + ".\n")
open(f"{t}/quotes.txt", "w").write('He said "' * 20000 + "\n")
open(f"{t}/sentences.txt", "w").write("".join(f"Mr. Smith{i} said {i} people came. " for i in range(40000)) + "\n")
# text with no sentence punctuation (issue 25): 1 MB against half of it
words = "the minister said that officials would meet on monday to discuss the budget and the plan which critics say will cut spending by five million dollars while supporters argue it protects jobs".split()
run_on = [words[(i * 7 + i // 23) % len(words)] for i in range(170000)]
open(f"{t}/run_on.txt", "w").write(" ".join(run_on) + "\n")
open(f"{t}/run_on_half.txt", "w").write(" ".join(run_on[:85000]) + "\n")
PY
echo "1,600 numbers in a sentence, self-compare: $(peak $bin compare "$tmp/numbers.txt" "$tmp/numbers.txt")"
echo "2,500 list items, self-compare: $(peak $bin compare "$tmp/list.txt" "$tmp/list.txt")"
echo "20,000 unclosed quotation marks, compare: $(peak $bin compare "$tmp/quotes.txt" "$tmp/quotes.txt")"
echo "20,000 unclosed quotation marks, extract JSON: $(peak $bin extract "$tmp/quotes.txt" --format json) ($($bin extract "$tmp/quotes.txt" --format json | wc -c) bytes)"
echo "40,000 sentences vs the founding source: $(peak $bin compare fixtures/blinken-lavrov/source.txt "$tmp/sentences.txt")"
echo "1 MB with no sentence punctuation vs half of it, compare: $(peak $bin compare "$tmp/run_on.txt" "$tmp/run_on_half.txt")"
