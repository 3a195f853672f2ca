#!/usr/bin/env bash
# tests/e2e/eval_quality_test.sh
#
# Matching quality must not drop: runs `corematch eval` on each evaluation set
# of data/eval (solutions: data/demo/solutions_demo.jsonl; see
# data/eval/SOURCES.md) with each ranking data/eval/thresholds.json names, and
# checks every measure there against its minimum:
#
#   {"comment": "...",
#    "needs-en": {"full": {"ndcg@10": 0.45}, "plain_bm25": {"ndcg@10": 0.30}},
#    "needs-nordic": {"full": {"ndcg@10": 0.35}}}
#
# A measure is a key of eval's last output line ("ndcg@10", "recall@10",
# "mrr@10"). Each eval starts a fresh server of its own (--server-binary).
#
#   eval_quality_test.sh CLI_BINARY SERVER_BINARY SOURCE_DIR
#
# Prints "ok N - what" for each check that passes and "FAIL - what" for each
# that does not, goes on after a failure, and ends with "N passed, M failed";
# exits 1 if any check failed. Registered with ctest as eval_quality_test.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 CLI_BINARY SERVER_BINARY SOURCE_DIR" >&2
  exit 2
fi
cli_bin=$(realpath "$1")
server_bin=$(realpath "$2")
source_dir=$(realpath "$3")
solutions="$source_dir/data/demo/solutions_demo.jsonl"
thresholds="$source_dir/data/eval/thresholds.json"

unset COREMATCH_API_KEY COREMATCH_SERVER

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
# Nothing here may pick up a ./var/operator.key by accident.
cd "$tmp"

passed=0
failed=0

pass() {
  passed=$((passed + 1))
  echo "ok $((passed + failed)) - $1"
}

# fail WHAT [DETAILS]: reports a failed check and goes on.
fail() {
  failed=$((failed + 1))
  echo "FAIL - $1"
  if [[ -n ${2:-} ]]; then
    head -n 40 <<<"$2" | sed 's/^/    /'
  fi
}

finish() {
  echo "$passed passed, $failed failed"
  if [[ $failed -ne 0 ]]; then exit 1; fi
  exit 0
}

# The checks thresholds.json asks for, one "SET RANKING MEASURE MINIMUM" a line.
if ! plan=$(python3 - "$thresholds" <<'EOF'
import json, sys
with open(sys.argv[1]) as f:
    thresholds = json.load(f)
for name, rankings in thresholds.items():
    if name == "comment":
        continue
    for ranking, measures in rankings.items():
        for measure, minimum in measures.items():
            print(name, ranking, measure, float(minimum))
EOF
); then
  fail "read $thresholds" "$plan"
  finish
fi
if [[ -z $plan ]]; then
  fail "$thresholds names at least one set, ranking and measure"
  finish
fi
pass "read the thresholds in $thresholds"

# The distinct "SET RANKING" pairs, in order.
runs=$(awk '!seen[$1 " " $2]++ { print $1, $2 }' <<<"$plan")

while read -r set ranking; do
  what="eval on $set with --ranking $ranking"
  dir="$source_dir/data/eval/$set"
  rc=0
  "$cli_bin" eval --solutions "$solutions" --requests "$dir/requests.jsonl" \
    --qrels "$dir/qrels.tsv" --ranking "$ranking" --server-binary "$server_bin" --lexicon-cache "$tmp/lexicon.bin" --verbose \
    >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
  if [[ $rc -ne 0 ]]; then
    fail "$what exits 0 (exit code $rc)" "$(tail -n 30 "$tmp/err")"
    continue
  fi
  pass "$what exits 0"
  sed 's/^/    /' "$tmp/out"
  result=$(tail -n 1 "$tmp/out")
  reported=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["ranking"])' \
    "$result" 2>&1) || reported="(no JSON last line: $reported)"
  if [[ $reported == "$ranking" ]]; then
    pass "$what reports ranking $ranking"
  else
    fail "$what reports ranking $ranking, not $reported"
    continue
  fi

  while read -r _ _ measure minimum; do
    got=$(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d[sys.argv[2]])' "$result" "$measure" 2>&1) || {
      fail "$what reports $measure" "$got"
      continue
    }
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' \
      "$got" "$minimum"; then
      pass "$set $ranking $measure $got >= $minimum"
    else
      fail "$set $ranking $measure $got fell below $minimum"
    fi
  done < <(awk -v s="$set" -v r="$ranking" '$1 == s && $2 == r' <<<"$plan")
done <<<"$runs"

finish
