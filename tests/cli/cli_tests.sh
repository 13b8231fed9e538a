#!/bin/sh
# tests/cli/cli_tests.sh: end-to-end tests of the ktcheck binary, one case per ctest entry.
#   sh tests/cli/cli_tests.sh CASE KTCHECK SOURCE_DIR
set -u
CASE=$1
K=$2
SRC=$3
cd "$SRC" || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0

fail() { echo "FAIL: $*"; FAILED=1; }
# expect_rc WANT DESCRIPTION COMMAND...: runs it, output in $TMP/out (stdout) and $TMP/err (stderr)
expect_rc() {
    want=$1; what=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" != "$want" ]; then
        fail "$what: exit $rc, expected $want"; cat "$TMP/out" "$TMP/err" | head -20
    fi
}
expect_text() {  # FILE TEXT
    grep -qF -- "$2" "$1" || { fail "expected '$2' in $(basename "$1")"; head -20 "$1"; }
}

case $CASE in
internal_fault)
    # A model that breaks the cell rule: every command that runs it exits 3, with the trace.
    mkdir -p "$TMP/suite"
    sed -e 's/"name": "era-e-plain-1r"/"name": "model-bug"/' \
        -e 's/"mutations": \[\]/"mutations": ["unstepped-list-read"]/' \
        scenarios/era-e-plain-1r.json >"$TMP/suite/model-bug.json"
    expect_text "$TMP/suite/model-bug.json" '"unstepped-list-read"'
    expect_rc 3 "explore a model bug" "$K" explore "$TMP/suite/model-bug.json" --trace-dir "$TMP/t"
    expect_text "$TMP/err" "internal error: model-fault"
    expect_text "$TMP/err" "kthread_create_list.entries"
    [ -f "$TMP/t/model-bug.model-fault.json" ] || fail "no trace of the model fault"
    expect_rc 3 "replay the model fault" "$K" replay --quiet "$TMP/t/model-bug.model-fault.json"
    expect_text "$TMP/out" "REPRODUCED"
    expect_rc 3 "check a suite holding it" "$K" check "$TMP/suite" --junit "$TMP/junit.xml"
    expect_text "$TMP/err" "internal error"
    expect_text "$TMP/out" "ERROR    model-bug"
    expect_text "$TMP/out" "0 passed, 0 failed, 0 invalid, 1 internal error ("
    expect_text "$TMP/junit.xml" "<error"
    # A fault of the model is never an expectation.
    sed -e 's/"verdict": "pass"/"verdict": "fail", "invariant": "model-fault"/' -e '/"executions"/d' \
        -e 's/"verdict": "fail", "invariant": "model-fault",/"verdict": "fail", "invariant": "model-fault"/' \
        "$TMP/suite/model-bug.json" >"$TMP/expects-fault.json"
    expect_rc 2 "expect a model fault" "$K" explore "$TMP/expects-fault.json"
    expect_text "$TMP/err" "model-fault" ;;
show_golden)
    for t in traces/*.json; do
        expect_rc 0 "show $t" "$K" show "$t"
        expect_text "$TMP/out" "=====> FAILURE"
        expect_text "$TMP/out" " step | kthreadd"
    done ;;
bad_inputs)
    for f in tests/cli/bad/*.json; do
        expect_rc 2 "explore $f" "$K" explore "$f"
        expect_text "$TMP/err" "$f"
        expect_text "$TMP/err" "error:"
    done
    expect_rc 2 "explore a directory" "$K" explore tests/cli/bad
    expect_text "$TMP/err" "is a directory"
    expect_rc 2 "explore a missing file" "$K" explore "$TMP/none.json"
    expect_text "$TMP/err" "no such file"
    expect_rc 2 "check bad files" "$K" check tests/cli/bad
    expect_text "$TMP/out" "0 passed, 0 failed, 31 invalid"
    expect_rc 2 "check a missing path" "$K" check "$TMP/none"
    expect_text "$TMP/out" "no such file or directory"
    mkdir "$TMP/emptydir"
    expect_rc 2 "check an empty directory" "$K" check "$TMP/emptydir"
    expect_text "$TMP/out" "no scenario files"
    expect_rc 2 "replay a scenario file" "$K" replay scenarios/era-e-plain-1r.json
    expect_text "$TMP/err" "not a ktcheck trace"
    ;;
bad_traces)
    T=traces/mut-list-empty-before-set-state-era-e.no-lost-wakeup.json
    : >"$TMP/empty.json"
    expect_rc 2 "empty trace" "$K" replay "$TMP/empty.json"
    expect_text "$TMP/err" "empty file"
    head -c 700 "$T" >"$TMP/cut.json"
    expect_rc 2 "truncated trace" "$K" replay "$TMP/cut.json"
    expect_text "$TMP/err" "invalid JSON"
    sed 's/"version": 1,/"version": 2,/' "$T" >"$TMP/v2.json"
    expect_rc 2 "trace version 2" "$K" show "$TMP/v2.json"
    expect_text "$TMP/err" "unsupported trace version 2"
    sed 's/"failure": {.*}$/"failure": null/' "$T" >"$TMP/nofail.json"
    expect_rc 2 "trace without failure" "$K" replay "$TMP/nofail.json"
    expect_text "$TMP/err" "records no failure"
    sed 's/"op":"list_empty"/"op":1/' "$T" >"$TMP/type.json"
    expect_rc 2 "step of the wrong type" "$K" replay "$TMP/type.json"
    expect_text "$TMP/err" "/steps/0/op: expected a string"
    sed 's/"file":"scenarios\/mut-list-empty-before-set-state-era-e.json"/"file":"scenarios\/era-e-plain-1r.json"/' "$T" >"$TMP/other.json"
    expect_rc 2 "trace naming another scenario's file" "$K" replay "$TMP/other.json"
    expect_text "$TMP/err" "holds scenario \"era-e-plain-1r\""
    expect_rc 2 "replay --scenario of another scenario" "$K" replay --scenario scenarios/era-e-plain-1r.json "$T"
    expect_text "$TMP/err" "this is a trace of scenario \"mut-list-empty-before-set-state-era-e\""
    sed 's/"variant":"era-e"/"variant":"era-z"/' "$T" >"$TMP/badcontent.json"
    expect_rc 2 "embedded scenario invalid" "$K" replay "$TMP/badcontent.json"
    expect_text "$TMP/err" "/scenario/content/variant: unknown variant"
    expect_rc 2 "trace is a directory" "$K" show traces
    expect_rc 2 "missing trace" "$K" show "$TMP/none.json"
    ;;
expect_mismatch)
    mkdir "$TMP/s"
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['expect']={'verdict': 'fail', 'invariant': 'no-lost-wakeup'}; json.dump(d, open(sys.argv[2],'w'))" scenarios/era-e-plain-1r.json "$TMP/s/a.json"
    cp scenarios/era-d-plain-1r.json "$TMP/s/b.json"
    expect_rc 1 "check with a changed expect" "$K" check "$TMP/s" --junit "$TMP/junit.xml"
    expect_text "$TMP/out" "MISMATCH era-e-plain-1r"
    expect_text "$TMP/out" "1 passed, 1 failed, 0 invalid"
    expect_text "$TMP/junit.xml" '<testsuites name="ktcheck" tests="2" failures="1" errors="0"'
    expect_text "$TMP/junit.xml" '<failure message="expected fail no-lost-wakeup, got pass">'
    rm "$TMP/s/a.json"
    expect_rc 0 "check with every expect met" "$K" check "$TMP/s" --junit "$TMP/junit.xml"
    expect_text "$TMP/junit.xml" 'failures="0"'
    # A pinned execution count that no longer holds is a mismatch, with the way to regenerate it.
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['expect']['executions'] += 1; json.dump(d, open(sys.argv[2],'w'))" scenarios/era-d-plain-1r.json "$TMP/s/b.json"
    expect_rc 1 "check with a changed execution count" "$K" check "$TMP/s"
    expect_text "$TMP/out" "MISMATCH era-d-plain-1r"
    expect_rc 0 "the same with an override (the pin is for the scenario's own exploration)" "$K" check "$TMP/s" --seed 1
    ;;
stale_trace)
    S=mut-list-empty-before-set-state-era-e
    mkdir -p "$TMP/scenarios" "$TMP/traces"
    cp "scenarios/$S.json" "$TMP/scenarios/"
    cp "traces/$S.no-lost-wakeup.json" "$TMP/traces/"
    cd "$TMP" || exit 2
    expect_rc 0 "replay, scenario unchanged" "$K" replay -q "traces/$S.no-lost-wakeup.json"
    expect_text "$TMP/out" "REPRODUCED"
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['description']='reworded'; json.dump(d, open(sys.argv[1],'w'), indent=7)" "scenarios/$S.json"
    expect_rc 0 "replay, scenario reformatted and reworded" "$K" replay -q "traces/$S.no-lost-wakeup.json"
    sed -i 's/"after": "wake"/"after": "nothing"/' "scenarios/$S.json"
    expect_rc 1 "replay, scenario changed" "$K" replay -q "traces/$S.no-lost-wakeup.json"
    expect_text "$TMP/out" "stale: scenario changed since the trace was written"
    rm "scenarios/$S.json"
    expect_rc 0 "replay, scenario file gone" "$K" replay -q "traces/$S.no-lost-wakeup.json"
    expect_text "$TMP/out" "replaying the scenario embedded in the trace"
    ;;
diverged_trace)
    T=traces/mut-list-empty-before-set-state-era-e.no-lost-wakeup.json
    sed 's/{"i":3,"task":"requester0","op":"list_add_tail; spin_unlock; wake_up_process"/{"i":3,"task":"requester0","op":"list_add"/' "$T" >"$TMP/d.json"
    cmp -s "$T" "$TMP/d.json" && fail "the edit did not change the trace (step 3 moved?)"
    expect_rc 1 "diverged trace" "$K" replay -q "$TMP/d.json"
    expect_text "$TMP/out" "diverged at step 3"
    expect_text "$TMP/out" "regenerate it with ktcheck explore --trace-dir"
    sed 's/"invariant":"no-lost-wakeup"/"invariant":"create-freed-once"/' "$T" >"$TMP/f.json"
    expect_rc 1 "trace recording another failure" "$K" replay -q "$TMP/f.json"
    expect_text "$TMP/out" "fails differently"
    ;;
determinism)
    for s in scenarios/mut-xchg-as-read-then-write-era-e.json scenarios/era-e-fatal-signal-1r.json; do
        "$K" explore --trace-dir "$TMP/a" --keep-going "$s" | grep -v '^time ' | sed "s#$TMP/a/##" >"$TMP/ra"
        "$K" explore --trace-dir "$TMP/b" --keep-going "$s" | grep -v '^time ' | sed "s#$TMP/b/##" >"$TMP/rb"
        cmp -s "$TMP/ra" "$TMP/rb" || fail "two reports of $s differ"
        "$K" explore --json "$s" | grep -v '"seconds"' >"$TMP/ja"
        "$K" explore --json "$s" | grep -v '"seconds"' >"$TMP/jb"
        cmp -s "$TMP/ja" "$TMP/jb" || fail "two JSON reports of $s differ"
    done
    for t in "$TMP"/a/*.json; do
        cmp -s "$t" "$TMP/b/$(basename "$t")" || fail "two traces $(basename "$t") differ"
    done
    [ "$(ls "$TMP/a" | wc -l)" -ge 1 ] || fail "no trace written"
    ;;
sigint)
    # Long (minutes) and failing early: three killable requesters and every fault source.
    cat >"$TMP/long.json" <<'JSON'
{"format": "ktcheck-scenario", "version": 1, "name": "long", "variant": "era-c-2013",
 "requesters": [{"fatal_signal": true}, {"fatal_signal": true}, {"fatal_signal": true}],
 "faults": {"fork_failure": true, "kmalloc_failure": true},
 "exploration": {"strategy": "dpor", "keep_going": true},
 "expect": {"verdict": "fail", "invariant": "valid-return"}}
JSON
    "$K" explore --trace-dir "$TMP/t" "$TMP/long.json" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    sleep 2
    kill -INT $pid
    wait $pid
    rc=$?
    [ "$rc" = 130 ] || fail "explore after SIGINT: exit $rc, expected 130"
    expect_text "$TMP/out" "interrupted (partial)"
    expect_text "$TMP/out" "valid-return"
    [ -f "$TMP/t/long.valid-return.json" ] || fail "trace found before SIGINT not written"
    ls "$TMP/t" | grep -q tmp && fail "temporary trace file left behind"
    "$K" replay -q "$TMP/t/long.valid-return.json" >/dev/null || fail "trace written on SIGINT does not replay"
    "$K" check "$TMP/long.json" scenarios/era-e-plain-3r.json --junit "$TMP/j.xml" >"$TMP/out" 2>&1 &
    pid=$!
    sleep 2
    kill -INT $pid
    wait $pid
    rc=$?
    [ "$rc" = 130 ] || fail "check after SIGINT: exit $rc, expected 130"
    expect_text "$TMP/out" "INTERRUPTED"
    expect_text "$TMP/j.xml" "<skipped"
    ;;
estimate)
    # --estimate runs dpor's first --sample executions and extrapolates; nothing else is printed.
    expect_rc 0 "estimate, whole search within the sample" "$K" explore --estimate scenarios/era-e-fatal-signal-1r.json
    pinned=$(sed -n 's/.*"executions": *\([0-9]*\).*/\1/p' scenarios/era-e-fatal-signal-1r.json)
    expect_text "$TMP/out" "estimate    exact: dpor explores $pinned executions"
    expect_rc 0 "estimate from a part" "$K" explore --estimate --sample 500 scenarios/era-e-fatal-signal-2r.json
    expect_text "$TMP/out" "dpor explores about"
    expect_text "$TMP/out" "extrapolated from its first 500"
    grep -q "verdict" "$TMP/out" && fail "--estimate printed a verdict"
    expect_rc 0 "estimate as JSON" "$K" explore --estimate --sample 500 --json scenarios/era-e-fatal-signal-2r.json
    expect_text "$TMP/out" '"format": "ktcheck-estimate"'
    grep -v '"seconds"\|"ns_per_step"\|"estimated_seconds"' "$TMP/out" >"$TMP/a.json"
    expect_rc 0 "estimate again" "$K" explore --estimate --sample 500 --json scenarios/era-e-fatal-signal-2r.json
    grep -v '"seconds"\|"ns_per_step"\|"estimated_seconds"' "$TMP/out" >"$TMP/b.json"
    cmp -s "$TMP/a.json" "$TMP/b.json" || fail "two estimates differ beyond their timing fields"
    expect_rc 2 "sample 0" "$K" explore --estimate --sample 0 scenarios/era-e-plain-1r.json
    ;;
usage)
    expect_rc 2 "no arguments" "$K"
    expect_rc 2 "unknown subcommand" "$K" frobnicate
    expect_rc 0 "--help" "$K" --help
    for c in explore check replay show list; do expect_rc 0 "$c --help" "$K" $c --help; done
    expect_rc 2 "explore without a scenario" "$K" explore
    expect_rc 2 "unknown strategy" "$K" explore --strategy dfz scenarios/era-e-plain-1r.json
    expect_text "$TMP/err" 'did you mean "dfs"?'
    expect_rc 2 "max-steps 0" "$K" explore --max-steps 0 scenarios/era-e-plain-1r.json
    expect_rc 2 "max-steps not a number" "$K" explore --max-steps lots scenarios/era-e-plain-1r.json
    expect_rc 2 "unknown granularity" "$K" explore --granularity fin scenarios/era-e-plain-1r.json
    expect_text "$TMP/err" 'did you mean "fine"?'
    expect_rc 0 "granularity fine" "$K" explore --granularity fine scenarios/era-e-fatal-signal-1r.json
    expect_text "$TMP/out" "verdict     PASS"
    expect_rc 2 "unknown symmetry" "$K" explore --symmetry nones scenarios/era-e-plain-2r.json
    expect_text "$TMP/err" 'did you mean "none"?'
    # Every order explores more than the turns do, to the same verdict.
    expect_rc 0 "symmetry none" "$K" explore --json --symmetry none scenarios/era-e-plain-2r.json
    every=$(sed -n 's/.*"executions": *\([0-9]*\).*/\1/p' "$TMP/out" | head -1)
    expect_rc 0 "symmetry requesters" "$K" explore --json --symmetry requesters scenarios/era-e-plain-2r.json
    turns=$(sed -n 's/.*"executions": *\([0-9]*\).*/\1/p' "$TMP/out" | head -1)
    [ -n "$every" ] && [ -n "$turns" ] && [ "$turns" -lt "$every" ] || fail "symmetry: $turns executions in turn, $every in every order"
    expect_rc 0 "list --json" "$K" list --json
    cp "$TMP/out" "$TMP/list.json"
    expect_rc 0 "list" "$K" list
    cp "$TMP/out" "$TMP/list.txt"
    # The text and the JSON name the same registries; every listed strategy runs.
    for section in variants mutations invariants strategies granularities symmetries; do
        names=$(sed -n "/^$section/,/^\$/p" "$TMP/list.txt" | awk 'NR>1 && NF>1{print $1}')
        [ -n "$names" ] || fail "list: no $section"
        for name in $names; do
            expect_text "$TMP/list.json" "\"name\": \"$name\""
        done
    done
    for s in $(sed -n '/^strategies:/,/^$/p' "$TMP/list.txt" | awk 'NR>1 && NF>1{print $1}'); do
        expect_rc 0 "explore --strategy $s" "$K" explore --strategy "$s" --max-executions 1 scenarios/era-e-plain-1r.json
    done
    expect_text "$TMP/list.txt" "era-c-2013"
    expect_text "$TMP/list.txt" "xchg-as-read-then-write"
    expect_text "$TMP/list.txt" "killed-requester-returns"
    ;;
*) echo "unknown case $CASE"; exit 2 ;;
esac
exit $FAILED
