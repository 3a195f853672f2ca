#!/usr/bin/env bash
# tests/e2e/cli_e2e_test.sh
#
# The `corematch` CLI against a real all-in-one corematch-server on
# 127.0.0.1:0 with its data in a fresh temporary directory: health, the demo
# load (twice), filters, an organisation working with its own key (solutions
# through draft, publish, update, stale etag and withdraw; an anonymous
# adoption request seen by another organisation and closed), the errors a user
# sees (invalid fields, a bad flag, a wrong key), and a clean exit on SIGTERM.
#
#   cli_e2e_test.sh SERVER_BINARY CLI_BINARY SOURCE_DIR
#
# Prints "ok N - what" for each check that passes and ends with
# "N passed, 0 failed"; stops at the first failure, printing what was expected
# and what came out, and exits 1. Registered with ctest as cli_e2e_test.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 SERVER_BINARY CLI_BINARY SOURCE_DIR" >&2
  exit 2
fi
server_bin=$(realpath "$1")
cli_bin=$(realpath "$2")
source_dir=$(realpath "$3")
demo_file="$source_dir/data/demo/solutions_demo.jsonl"

# The key and server come from flags only: the caller's environment must not
# override them (an --api-key from COREMATCH_API_KEY beats --api-key-file).
unset COREMATCH_API_KEY COREMATCH_SERVER

readonly kOrganization=corematch.organization.v1.OrganizationService
readonly kPublishing=corematch.publishing.v1.PublishingService
readonly kAdoption=corematch.adoption.v1.AdoptionService
readonly kMatching=corematch.matching.v1.MatchingService

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Nothing here may pick up a ./var/operator.key by accident.
cd "$tmp"
umask 077

# --- Reporting ---------------------------------------------------------------

passed=0
what_ran=""  # The last CLI command, for failure messages.
rc=0
out=""
err=""

pass() {
  passed=$((passed + 1))
  echo "ok $passed - $1"
}

# Indents and caps text for a failure message.
show() {
  if [[ -z $1 ]]; then
    echo "    (empty)"
  else
    head -n 40 <<<"$1" | sed 's/^/    /'
  fi
}

# fail WHAT EXPECTED GOT: reports the failed check and the last command, exits 1.
fail() {
  {
    echo "FAIL - $1"
    echo "  expected: $2"
    echo "  got:"
    show "$3"
    if [[ -n $what_ran ]]; then
      echo "  last command: corematch $what_ran (exit code $rc)"
      echo "  its stdout:"
      show "$out"
      echo "  its stderr:"
      show "$err"
    fi
    echo "$passed passed, 1 failed"
  } >&2
  exit 1
}

# --- Running the CLI -------------------------------------------------------

# cm ARGS...: runs `corematch --server ADDRESS ARGS...` with no key; sets rc,
# out and err.
cm() {
  what_ran="$*"
  rc=0
  "$cli_bin" --server "$address" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || rc=$?
  out=$(<"$tmp/stdout")
  err=$(<"$tmp/stderr")
}

# as KEYFILE ARGS...: cm with the API key in KEYFILE.
as() {
  local key_file=$1
  shift
  cm --api-key-file "$key_file" "$@"
}

# --- Checks on the last command --------------------------------------------

expect_exit() {  # CODE WHAT
  [[ $rc -eq $1 ]] || fail "$2" "exit code $1" "exit code $rc"
  pass "$2"
}

expect_out() {  # TEXT WHAT: stdout contains TEXT
  grep -qF -- "$1" <<<"$out" || fail "$2" "stdout containing '$1'" "$out"
  pass "$2"
}

expect_no_out() {  # TEXT WHAT: stdout does not contain TEXT
  if grep -qF -- "$1" <<<"$out"; then fail "$2" "stdout without '$1'" "$out"; fi
  pass "$2"
}

expect_err() {  # TEXT WHAT: stderr contains TEXT
  grep -qF -- "$1" <<<"$err" || fail "$2" "stderr containing '$1'" "$err"
  pass "$2"
}

# json EXPR: prints the Python expression EXPR, where `d` is the JSON the last
# command printed.
json() {
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(eval(sys.argv[1]))' "$1" <<<"$out"
}

expect_json() {  # EXPR WANT WHAT: json EXPR prints WANT
  local got
  got=$(json "$1" 2>&1) || fail "$3" "JSON on stdout to evaluate $1" "$got"
  [[ $got == "$2" ]] || fail "$3" "$1 == $2" "$got"
  pass "$3"
}

# field NAME: the value of the "NAME: value" line of the last table output.
field() {
  sed -n "s/^$1: //p" <<<"$out" | head -n 1
}

# --- The server ----------------------------------------------------------------

# start_server: starts the all-in-one server on $tmp (a second start reuses
# its data) and sets server_pid and address.
start_server() {
  "$server_bin" --services=all --listen=127.0.0.1:0 --data_dir="$tmp" \
    >"$tmp/server.out" 2>"$tmp/server.err" &
  server_pid=$!
  address=""
  for _ in $(seq 200); do  # 20 s
    # The background shell may not have created server.out yet.
    port=$(sed -nE 's/^corematch-server listening on 127\.0\.0\.1:([0-9]+) .*/\1/p' \
      "$tmp/server.out" 2>/dev/null || true)
    if [[ -n $port ]]; then
      address="127.0.0.1:$port"
      break
    fi
    kill -0 "$server_pid" 2>/dev/null ||
      fail "server starts" "a running server" "$(cat "$tmp/server.out" "$tmp/server.err")"
    sleep 0.1
  done
  [[ -n $address ]] || fail "server starts within 20 s" \
    "the line 'corematch-server listening on 127.0.0.1:PORT'" \
    "$(cat "$tmp/server.out" "$tmp/server.err")"
}

start_server
[[ -s $tmp/operator.key ]] || fail "server creates the operator key" \
  "a non-empty $tmp/operator.key" "$(ls -l "$tmp")"
pass "server listens on $address and created the operator key"

operator="$tmp/operator.key"

# --- Health --------------------------------------------------------------------

for service in "$kOrganization" "$kPublishing" "$kAdoption" "$kMatching"; do
  as "$operator" health --service "$service"
  expect_exit 0 "health $service exits 0"
  [[ $out == SERVING ]] || fail "health $service prints SERVING" "SERVING" "$out"
  pass "health $service prints SERVING"
done

cm --output json health
expect_exit 0 "health of the whole server, with no API key, exits 0"
expect_json 'd["status"]' SERVING "health --output json prints {\"status\": \"SERVING\"}"

as "$operator" health --service corematch.nope.v1.NopeService
expect_exit 2 "health of an unknown service exits 2"
expect_err "error: NOT_FOUND" "health of an unknown service prints NOT_FOUND"

# --- The demo corpus -------------------------------------------------------------

as "$operator" load demo --file "$demo_file"
expect_exit 0 "load demo exits 0"
expect_out "1081 ok" "load demo reports 1081 ok"
expect_out " 0 failed" "load demo reports 0 failed"

as "$operator" --output json load demo --file "$demo_file"
expect_exit 0 "second load demo exits 0"
expect_json '(d["ok"], d["failed"])' "(1081, 0)" "second load demo reports 1081 ok, 0 failed"

as "$operator" solution list --all --output json
expect_exit 0 "solution list --all exits 0"
expect_json 'len(d.get("solutions", []))' 1081 "the second load created nothing: 1081 solutions"
expect_json '{s["state"] for s in d["solutions"]}' "{'SOLUTION_STATE_PUBLISHED'}" \
  "every loaded solution is PUBLISHED"

as "$operator" solution list --all --filter 'country = "DK"' --output json
expect_exit 0 "solution list --filter 'country = \"DK\"' exits 0"
expect_json 'len(d.get("solutions", [])) >= 1' True "the DK filter finds at least one solution"
expect_json '{s.get("origin", {}).get("country") for s in d["solutions"]}' "{'DK'}" \
  "the DK filter returns only DK solutions"

# --- Organisations and their keys ----------------------------------------------------

# new_organization NAME COUNTRY REGION LANGUAGE: creates it; sets org_name.
new_organization() {
  as "$operator" organization create --display-name "$1" --kind municipality --country "$2" \
    --region "$3" --language "$4"
  expect_exit 0 "organization create $1 exits 0"
  org_name=$(field name)
  [[ $org_name == organizations/* ]] || fail "organization create $1 prints its name" \
    "name: organizations/{id}" "$out"
  pass "organization create $1 prints its name $org_name"
}

# new_key ORG FILE: issues an API key for ORG and stores its secret in FILE.
new_key() {
  as "$operator" apikey create "$1"
  expect_exit 0 "apikey create $1 exits 0"
  local secret
  secret=$(field secret)
  [[ -n $secret ]] || fail "apikey create prints the secret" "secret: <secret>" "$out"
  printf '%s\n' "$secret" >"$2"
  pass "apikey create $1 prints the secret"
}

new_organization "Aarhus Kommune" DK DK042 da
aarhus=$org_name
aarhus_key="$tmp/aarhus.key"
new_key "$aarhus" "$aarhus_key"

new_organization "Malmö stad" SE SE224 sv
malmo_key="$tmp/malmo.key"
new_key "$org_name" "$malmo_key"

# --- A solution through its life, as Aarhus ------------------------------------------

cat >"$tmp/solution.json" <<'EOF'
{
  "title": "Hurtigere i job",
  "summary": "Kontanthjælpsmodtagere kommer hurtigere i arbejde",
  "language": "da",
  "origin": {"country": "DK", "region": "DK042"},
  "sectors": ["10.5"],
  "coreElements": [{
    "title": "Første samtale inden for en uge",
    "description": "Borgeren møder en jobkonsulent inden for syv dage",
    "valueRationale": "Tidlig kontakt forkorter ledigheden"
  }]
}
EOF
as "$aarhus_key" --output json solution create -f "$tmp/solution.json"
expect_exit 0 "solution create exits 0"
expect_json 'd["state"]' SOLUTION_STATE_DRAFT "solution create makes a DRAFT"
expect_json 'd["owner"]' "$aarhus" "the solution is owned by Aarhus"
expect_json 'd["coreElements"][0]["title"]' "Første samtale inden for en uge" \
  "the solution keeps its core element"
solution=$(json 'd["name"]')
first_etag=$(json 'd["etag"]')

as "$aarhus_key" solution publish "$solution"
expect_exit 0 "solution publish exits 0"
expect_out "state: PUBLISHED" "solution publish makes it PUBLISHED"

echo '{"title": "Hurtigere i job, Aarhus-modellen"}' >"$tmp/patch.json"
as "$aarhus_key" solution update "$solution" -f "$tmp/patch.json" --update-mask title
expect_exit 0 "solution update --update-mask title exits 0"
expect_out "title: Hurtigere i job, Aarhus-modellen" "solution update changes the title"
expect_out "core_elements[0].title: Første samtale inden for en uge" \
  "solution update leaves the core element alone"

as "$aarhus_key" solution update "$solution" -f "$tmp/patch.json" --update-mask title \
  --etag "$first_etag"
expect_exit 2 "solution update with a stale --etag exits 2"
expect_err "ABORTED" "solution update with a stale --etag prints ABORTED"

as "$aarhus_key" solution withdraw "$solution" --reason "Erstattet af en ny ordning"
expect_exit 0 "solution withdraw exits 0"
expect_out "state: WITHDRAWN" "solution withdraw makes it WITHDRAWN"

# --- An anonymous adoption request --------------------------------------------------

as "$aarhus_key" request create --title "Hurtigere i job" \
  --need "Vi vil have kontanthjælpsmodtagere hurtigere i arbejde" --language da --sector 10.5 \
  --visibility anonymous
expect_exit 0 "request create exits 0"
expect_out "state: OPEN" "request create makes it OPEN"
expect_out "context.country: DK" "request create defaults context.country DK from Aarhus"
request=$(field name)
[[ $request == adoptionRequests/* ]] ||
  fail "request create prints its name" "name: adoptionRequests/{id}" "$out"

as "$malmo_key" --output json request get "$request"
expect_exit 0 "request get by Malmö exits 0"
expect_json '"requester" in d' False "Malmö does not see who filed the anonymous request"
expect_json 'd["visibility"]' VISIBILITY_ANONYMOUS "Malmö sees the request as anonymous"
as "$malmo_key" request get "$request"
expect_no_out "$aarhus" "Malmö's table output does not name Aarhus"

as "$aarhus_key" request close "$request" --outcome fulfilled --reason "Vi tog Jobb Först i brug"
expect_exit 0 "request close by Aarhus exits 0"
expect_out "state: FULFILLED" "request close --outcome fulfilled makes it FULFILLED"

# --- Matching: Jobb Först meets a Danish need -------------------------------------

new_organization "Göteborgs Stad" SE SE232 sv
goteborg=$org_name
goteborg_key="$tmp/goteborg.key"
new_key "$org_name" "$goteborg_key"

# Both subscribe before anything happens: Aarhus to Swedish employment
# solutions and to the owner's answers, Göteborg to whoever needs its solutions.
as "$aarhus_key" --output json subscription create --display-name "Beskæftigelse fra Sverige" \
  --sector 10 --country SE --event solution_published --event owner_interested \
  --event match_connected
expect_exit 0 "subscription create by Aarhus exits 0"
expect_json 'd["subscriber"]' "$aarhus" "the subscription belongs to Aarhus"
expect_json 'd["stream"]' True "a subscription streams by default"
as "$goteborg_key" subscription create --display-name "Vem behöver Jobb Först?" \
  --event solution_matched --event adopter_interested --event match_connected
expect_exit 0 "subscription create by Göteborg exits 0"
as "$goteborg_key" subscription create --webhook-url "ftp://example.se/hook" --webhook-secret short
expect_exit 2 "a subscription with a bad webhook exits 2"
expect_err "subscription.webhook.url" "the error names subscription.webhook.url"
expect_err "subscription.webhook.secret" "the error names subscription.webhook.secret"

# The Swedish method from ../shared/seeds (Spridningsguiden, Angered).
as "$goteborg_key" --output json solution create -f "$source_dir/tests/e2e/jobb_forst.json"
expect_exit 0 "solution create Jobb Först exits 0"
jobb=$(json 'd["name"]')
as "$goteborg_key" solution publish "$jobb"
expect_exit 0 "solution publish Jobb Först exits 0"

as "$aarhus_key" request create --title "Kontanthjælpsmodtagere hurtigt i arbejde" \
  --need "Vi vil have borgere, der søger kontanthjælp, hurtigt i arbejde eller uddannelse, så de bliver selvforsørgende" \
  --language da --sector 10.5
expect_exit 0 "request create of the Danish need exits 0"
need=$(field name)

# Matching follows the feeds; the benchmark measures how fast (docs/benchmarks.md).
for _ in $(seq 100); do  # 10 s
  as "$aarhus_key" --output json match list "$need"
  [[ $rc -eq 0 ]] && [[ $(json 'len(d.get("matches", []))' 2>/dev/null) -gt 0 ]] && break
  sleep 0.1
done
expect_json 'len(d.get("matches", [])) > 0' True "the Danish need gets matches without asking"

as "$aarhus_key" --output json match request "$need" --top-k 5
expect_exit 0 "match request exits 0"
expect_json 'd["solutions"][0]["solution"]' "$jobb" "Jobb Först (Swedish) ranks first for the Danish need"
expect_json 'any(t["queryTerm"] == "arbejd" for t in d["solutions"][0]["explanation"]["termMatches"])' True \
  "the explanation names the Danish word that met the Swedish core"
expect_json 'd["solutions"][0]["explanation"]["matchedCoreElements"][0]' \
  "Arbete eller studier inom 48 timmar" "the explanation names the core element met"
match=$(json 'd["solutions"][0]["match"]')

as "$aarhus_key" match request "$need" --top-k 3
expect_out "core elements met: Arbete eller studier inom 48 timmar" \
  "the table shows which core elements the need met"
expect_out "same sector (10.5)" "the table explains the context fit"

as "$goteborg_key" --output json match adopters "$jobb"
expect_exit 0 "match adopters exits 0 for the owner"
expect_json '[r["adoptionRequest"] for r in d["adoptionRequests"]].count("'"$need"'")' 1 \
  "the owner sees the Danish need among Jobb Först's adopters"

as "$goteborg_key" match interest "$match" --note "Välkomna"
expect_exit 0 "the owner says interested"
expect_out "state: PROPOSED" "one side interested leaves the match PROPOSED"
as "$aarhus_key" match interest "$match"
expect_exit 0 "the adopter says interested"
expect_out "state: CONNECTED" "both sides interested: CONNECTED"
expect_out "history[3].action: CONNECTED" "the history keeps every step"

as "$malmo_key" match get "$match"
expect_exit 2 "someone else cannot read the match"
expect_err "NOT_FOUND" "someone else gets NOT_FOUND"

# --- Notifications: both sides were told, without asking ---------------------------

watch() {  # KEY ARGS...: `corematch watch`, given 30 s to print what it is asked for
  local key_file=$1
  shift
  what_ran="watch $*"
  rc=0
  timeout 30 "$cli_bin" --server "$address" --api-key-file "$key_file" --output json watch "$@" \
    >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || rc=$?
  out=$(<"$tmp/stdout")
  err=$(<"$tmp/stderr")
}
types() {  # the event types of the notifications `watch --output json` printed
  python3 -c '
import json, sys
print(" ".join(json.loads(line)["type"].removeprefix("EVENT_TYPE_") for line in sys.stdin if line.strip()))' <<<"$out"
}

watch "$aarhus_key" --count 3
expect_exit 0 "watch --count 3 by Aarhus exits 0"
[[ $(types) == "SOLUTION_PUBLISHED OWNER_INTERESTED MATCH_CONNECTED" ]] ||
  fail "Aarhus was told of Jobb Först, Göteborg's interest and the connection" \
    "SOLUTION_PUBLISHED OWNER_INTERESTED MATCH_CONNECTED" "$(types)"
pass "Aarhus was told of Jobb Först, Göteborg's interest and the connection"
[[ $(head -n 1 <<<"$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["solution"])') == "$jobb" ]] ||
  fail "the first notification is about Jobb Först" "$jobb" "$(head -n 1 <<<"$out")"
pass "the first notification is about Jobb Först"

watch "$goteborg_key" --count 3
expect_exit 0 "watch --count 3 by Göteborg exits 0"
[[ $(types) == "SOLUTION_MATCHED ADOPTER_INTERESTED MATCH_CONNECTED" ]] ||
  fail "Göteborg was told of the Danish need, Aarhus's interest and the connection" \
    "SOLUTION_MATCHED ADOPTER_INTERESTED MATCH_CONNECTED" "$(types)"
pass "Göteborg was told of the Danish need, Aarhus's interest and the connection"

# watch acknowledged what it printed: the next watch resumes after it.
as "$goteborg_key" --output json solution create -f "$source_dir/tests/e2e/jobb_forst.json"
second=$(json 'd["name"]')
as "$goteborg_key" solution publish "$second"
expect_exit 0 "a second Swedish solution is published"
watch "$aarhus_key" --count 1
expect_exit 0 "a second watch by Aarhus exits 0"
[[ $(types) == "SOLUTION_PUBLISHED" ]] &&
  [[ $(python3 -c 'import json,sys; print(json.load(sys.stdin)["solution"])' <<<"$out") == "$second" ]] ||
  fail "the second watch resumes after what the first printed" "only $second" "$out"
pass "the second watch resumes after what the first printed"

# --- The adoption journey: Aarhus takes up Jobb Först, anchors it, passes it on -----

as "$goteborg_key" --output json subscription create --display-name "Spridning av Jobb Först" \
  --event adoption_opened --event adoption_stage_changed
expect_exit 0 "Göteborg subscribes to its adopters' progress"
spread_subscription=$(json 'd["name"]')

# Adoptions learn of the connection from matching's feed.
for _ in $(seq 100); do  # 10 s
  as "$aarhus_key" --output json adoption open "$match"
  [[ $rc -eq 0 ]] && break
  sleep 0.1
done
expect_exit 0 "adoption open from the connected match exits 0"
expect_json 'd["stage"]' ADOPTION_STAGE_PREPARE "a new adoption starts in PREPARE"
expect_json 'd["coreElements"][0]["coreElement"]' "Arbete eller studier inom 48 timmar" \
  "the plan lists Jobb Först's core elements to keep"
adoption=$(json 'd["name"]')

as "$goteborg_key" adoption show "$adoption"
expect_exit 0 "the owner reads the adoption"
as "$goteborg_key" adoption advance "$adoption" plan
expect_exit 2 "the owner cannot advance the adoption"
expect_err "PERMISSION_DENIED" "the owner gets PERMISSION_DENIED"
as "$malmo_key" adoption show "$adoption"
expect_exit 2 "someone else cannot read the adoption"

as "$aarhus_key" adoption advance "$adoption" launch
expect_exit 2 "skipping a stage exits 2"
expect_err "FAILED_PRECONDITION" "skipping a stage is FAILED_PRECONDITION"
for stage in plan launch lead evaluate; do
  as "$aarhus_key" adoption advance "$adoption" "$stage"
  expect_exit 0 "adoption advance to $stage exits 0"
done
as "$aarhus_key" adoption advance "$adoption" anchored
expect_exit 2 "anchoring before an evaluation exits 2"
expect_err "EvaluateAdoption" "the error says to evaluate first"
as "$aarhus_key" adoption evaluate "$adoption" --metric "households on income support" \
  --baseline 1200 --result 900 --unit households --period 2026
expect_exit 0 "adoption evaluate exits 0"
as "$aarhus_key" --output json adoption advance "$adoption" anchored
expect_exit 0 "adoption advance to anchored exits 0"
expect_json 'd["stage"]' ADOPTION_STAGE_ANCHORED "the adoption is ANCHORED"

watch "$goteborg_key" --subscription "$spread_subscription" --count 6
expect_exit 0 "watch of the spreading subscription exits 0"
[[ $(types) == "ADOPTION_OPENED ADOPTION_STAGE_CHANGED ADOPTION_STAGE_CHANGED ADOPTION_STAGE_CHANGED ADOPTION_STAGE_CHANGED ADOPTION_STAGE_CHANGED" ]] ||
  fail "Göteborg heard of the adoption and each of Aarhus's stage changes" \
    "ADOPTION_OPENED and 5 × ADOPTION_STAGE_CHANGED" "$(types)"
pass "Göteborg heard of the adoption and each of Aarhus's stage changes"

as "$aarhus_key" --output json adoption republish "$adoption" \
  -f "$source_dir/tests/e2e/job_foerst_aarhus.json"
expect_exit 0 "adoption republish exits 0"
adapted=$(json 'd["republishedAs"]')
[[ -n $adapted ]] || fail "the adoption names the republished solution" "solutions/..." "$out"
pass "the adoption names the republished solution"
as "$aarhus_key" --output json solution get "$adapted"
expect_json 'd["derivedFrom"]' "$jobb" "the adapted solution is derived from Jobb Först"

as "$malmo_key" solution tree "$jobb"
expect_exit 0 "solution tree exits 0 for anyone"
expect_out "$jobb  Jobb Först  SE  Göteborgs Stad" "the tree names the owner by its display name"
expect_out "└── $adoption  Aarhus Kommune  DK  ANCHORED  households on income support 1200 → 900 households" \
  "the tree shows Aarhus's anchored adoption and its effect"
expect_out "    └── $adapted  Job Først, Aarhus  DK  Aarhus Kommune" \
  "the tree shows the adapted solution it spread on as"
as "$malmo_key" --output json solution value "$jobb"
expect_exit 0 "solution value exits 0"
expect_json '(d["adopters"], d["republished"])' "(1, 1)" "one adopter, one republished solution"
expect_json 'round(d["effects"][0]["meanRelativeChange"], 2)' "-0.25" \
  "the value summary reports the adopter's effect"

as "$goteborg_key" --output json cohort create "$jobb" --display-name "Spridningslabbet 2027"
expect_exit 0 "the owner starts a cohort for Jobb Först"
expect_json 'd["owner"]' "$goteborg" "the cohort is run by Jobb Först's owner, Göteborg"
as "$aarhus_key" cohort create "$jobb"
expect_exit 2 "someone else cannot start a cohort for Jobb Först"
expect_err "PERMISSION_DENIED" "starting a cohort for another's solution is PERMISSION_DENIED"
as "$malmo_key" cohort list --solution "$jobb"
expect_exit 0 "cohort list exits 0 for anyone"
expect_out "Spridningslabbet 2027" "cohort list shows the cohort"

# --- The worked example: Jobb Först through the Spridningslabbet, and on --------------

as "$operator" --output json load example
expect_exit 0 "load example exits 0"
expect_json '[(a["adopter"].split(",")[0], a["stage"].removeprefix("ADOPTION_STAGE_")) for a in d["adoptions"]]' \
  "[('Älvby kommun', 'ANCHORED'), ('Sjöstads kommun', 'ANCHORED'), ('Norrvalla kommun', 'LEAD'), ('Bergslunda kommun', 'EVALUATE'), ('Fjordby Kommune', 'PLAN')]" \
  "four social services take up Jobb Först, Fjordby takes up an adaptation"
example_origin=$(json 'd["origin"]')
example_cohort=$(json 'd["cohort"]')
example_adaptation=$(json 'd["adoptions"][1]["republishedAs"]')
expect_json 'd["adoptions"][4]["solution"]' "$example_adaptation" \
  "Fjordby adopts Sjöstad's adaptation, not the original"
first_outcome=$(json 'json.dumps(d, sort_keys=True)')

as "$operator" --output json load example
expect_exit 0 "a second load example exits 0"
expect_json 'json.dumps(d, sort_keys=True)' "$first_outcome" \
  "a second load example ends with the same outcome"
as "$operator" --output json organization list --all
expect_json 'sum(o["displayName"].endswith("(exempel)") for o in d["organizations"])' 4 \
  "a second load example creates no organisation twice"
sjostad=$(json '[o["name"] for o in d["organizations"] if o["displayName"].startswith("Sjöstad")][0]')
as "$operator" --output json apikey list "$sjostad"
expect_json '[bool(k.get("revokeTime")) for k in d["apiKeys"]]' "[True, True]" \
  "the keys the example used (one per run) are revoked"
as "$operator" --output json solution list --all --filter 'country = "SE"'
expect_json '[s["title"] for s in d["solutions"]].count("Jobb Först med vuxenutbildningen")' 1 \
  "a second load example publishes the adaptation once"

as "$malmo_key" solution tree "$example_origin"
expect_exit 0 "solution tree of the example exits 0"
expect_out "$example_origin  Jobb Först  SE  Göteborgs Stad, socialtjänsten i Angered" \
  "the tree starts at Angered's Jobb Först"
expect_out "│   └── $example_adaptation  Jobb Först med vuxenutbildningen  SE  Sjöstads kommun" \
  "the tree shows Sjöstad's adaptation under its adoption"
expect_out "Fjordby Kommune, Jobcenter (eksempel)  DK  PLAN" "the tree goes on to Fjordby"
as "$malmo_key" --output json solution value "$example_origin"
expect_json '(d["adopters"], d["republished"], d["populationReached"])' "(5, 1, '302000')" \
  "five adopters serving 302,000 people, one adaptation"
expect_json '[(e["metric"], e["reports"], round(e["meanRelativeChange"], 2)) for e in d["effects"]][0]' \
  "('Hushåll med försörjningsstöd', 3, -0.21)" "three adopters report fewer households on income support"
as "$malmo_key" solution get "$example_origin"
expect_out "  Hushåll med försörjningsstöd (hushåll): 3 adoptions report it, mean -21% (original -40%)" \
  "anyone browsing Jobb Först sees its adopters' evidence beside the original's"
as "$malmo_key" --output json cohort show "$example_cohort"
expect_json '(d["displayName"], len(d["adoptions"]), len(d["workshops"]))' \
  "('Spridningslabbet 2018–2019', 4, 4)" "the Spridningslabbet cohort holds the four adoptions"

# --- What a user sees when something is wrong ---------------------------------------

echo '{"title": "", "language": "not a language"}' >"$tmp/invalid.json"
as "$aarhus_key" solution create -f "$tmp/invalid.json"
expect_exit 2 "solution create with invalid fields exits 2"
expect_err "INVALID_ARGUMENT" "solution create with invalid fields prints INVALID_ARGUMENT"
expect_err "solution.title" "the error names the field solution.title"
expect_err "solution.language" "the error names the field solution.language"

as "$aarhus_key" solution list --no-such-flag
expect_exit 1 "a bad flag exits 1"
expect_err "--no-such-flag" "a bad flag is named in the error"

cm --api-key cm_not_a_real_key solution list
expect_exit 2 "a wrong API key exits 2"
expect_err "UNAUTHENTICATED" "a wrong API key prints UNAUTHENTICATED"

# --- Shutdown ------------------------------------------------------------------------

as "$aarhus_key" --output json match request "$need" --top-k 5
expect_exit 0 "match request exits 0 before the shutdown"
ranking_before=$(json '[(s["solution"], round(s["score"], 6)) for s in d["solutions"]]')

what_ran=""
kill -TERM "$server_pid"
for _ in $(seq 150); do  # 15 s
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$server_pid" 2>/dev/null; then
  fail "the server exits within 15 s of SIGTERM" "no server process" \
    "still running; its output: $(cat "$tmp/server.out" "$tmp/server.err")"
fi
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
[[ $server_status -eq 0 ]] || fail "the server exits 0 on SIGTERM" "exit status 0" \
  "exit status $server_status; its output: $(cat "$tmp/server.out" "$tmp/server.err")"
pass "the server exits 0 within 15 s of SIGTERM"
grep -qF "corematch-server: stopped" "$tmp/server.out" ||
  fail "the server reports it stopped" "'corematch-server: stopped'" "$(cat "$tmp/server.out")"
pass "the server reports it stopped"
[[ -s $tmp/matching-index.snapshot ]] || fail "a clean stop writes the matching index snapshot" \
  "a non-empty $tmp/matching-index.snapshot" "$(ls -l "$tmp"; cat "$tmp/server.err")"
pass "a clean stop writes the matching index snapshot"

# --- A restart serves from the snapshot -------------------------------------------------

start_server
as "$aarhus_key" --output json match request "$need" --top-k 5
expect_exit 0 "match request exits 0 after the restart"
expect_json '[(s["solution"], round(s["score"], 6)) for s in d["solutions"]]' "$ranking_before" \
  "after the restart the need is ranked exactly as before"
[[ ! -e $tmp/matching-index.snapshot ]] || fail "the snapshot is used once" \
  "no $tmp/matching-index.snapshot after the start" "$(ls -l "$tmp")"
if grep -qF "rebuilding the index" "$tmp/server.err"; then
  fail "the restart reads the snapshot" "no 'rebuilding the index' on stderr" \
    "$(cat "$tmp/server.err")"
fi
pass "the restart read the snapshot instead of rebuilding"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""

echo "$passed passed, 0 failed"
