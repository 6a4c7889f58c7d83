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
