#!/usr/bin/env bash
# End-to-end figures that criterion cannot give: whole-process time and peak
# memory of the release binary. Needs GNU time (/usr/bin/time) and ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/factdiff
data=../shared/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

peak() { /usr/bin/time -f "%e s, peak %M KB" "$@" >/dev/null 2>"$tmp/t" || true; tail -n 1 "$tmp/t"; }

echo "cores: $(nproc)"
echo "founding example compare: $(peak $bin compare fixtures/blinken-lavrov/source.txt fixtures/blinken-lavrov/draft.txt)"

# a 1 MB article (BASIL texts repeated) against a 10 KB draft
python3 - "$data/basil.articles.jsonl" "$tmp" <<'PY'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
body = "\n\n".join(texts)
big = body
while len(big.encode()) < 1_000_000:
    big += "\n\n" + body
open(sys.argv[2] + "/big.txt", "w").write(big.encode()[:1_000_000].decode("utf-8", "ignore").rsplit(" ", 1)[0])
open(sys.argv[2] + "/draft.txt", "w").write(body[:10_000].rsplit(" ", 1)[0])
PY
echo "1 MB article vs 10 KB draft: $(peak $bin compare "$tmp/big.txt" "$tmp/draft.txt" --format json)"

pairs=$(grep -c . "$data/bump.dev.pairs.jsonl")
for j in 1 2; do
  best=999
  for _ in 1 2 3 4 5; do
    s=$( { /usr/bin/time -f "%e" $bin batch -j $j "$data/bump.dev.pairs.jsonl" >/dev/null; } 2>&1 | tail -n 1)
    best=$(python3 -c "print(min($best, $s))")
  done
  echo "batch bump.dev ($pairs pairs), $j thread(s), best of 5: ${best} s = $(python3 -c "print(round($pairs / $best))") pairs/s"
done

# the growth cases of issue 24: each at its stated size, and the ratio of a
# large natural text to one a quarter its size
python3 - "$data/basil.articles.jsonl" "$tmp" <<'PY'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
body = "\n\n".join(texts)
for mb in (2, 8):
    n = mb * 1_000_000
    big = (body + "\n\n") * (n // len(body) + 1)
    open(f"{sys.argv[2]}/nat{mb}.txt", "w").write(big[:n].rsplit("\n\n", 1)[0] + "\n")
t = sys.argv[2]
open(f"{t}/numbers.txt", "w").write("The team recorded " + " and then ".join(f"{i} wins" for i in range(1600)) + " this season.\n")
open(f"{t}/list.txt", "w").write("The board named three priorities: " + ", ".join(f"item{i} alpha{i % 50}" for i in range(2500)) + ".\n")
open(f"{t}/quotes.txt", "w").write('He said "' * 20000 + "\n")
open(f"{t}/sentences.txt", "w").write("".join(f"Mr. Smith{i} said {i} people came. " for i in range(40000)) + "\n")
PY
echo "1,600 numbers in a sentence, self-compare: $(peak $bin compare "$tmp/numbers.txt" "$tmp/numbers.txt")"
echo "2,500 list items, self-compare: $(peak $bin compare "$tmp/list.txt" "$tmp/list.txt")"
echo "20,000 unclosed quotation marks, compare: $(peak $bin compare "$tmp/quotes.txt" "$tmp/quotes.txt")"
echo "20,000 unclosed quotation marks, extract JSON: $(peak $bin extract "$tmp/quotes.txt" --format json) ($($bin extract "$tmp/quotes.txt" --format json | wc -c) bytes)"
echo "40,000 sentences vs the founding source: $(peak $bin compare fixtures/blinken-lavrov/source.txt "$tmp/sentences.txt")"
echo "natural text 2 MB, self-compare: $(peak $bin compare "$tmp/nat2.txt" "$tmp/nat2.txt" --format json)"
echo "natural text 8 MB, self-compare: $(peak $bin compare "$tmp/nat8.txt" "$tmp/nat8.txt" --format json)"
