#!/usr/bin/env python3
"""tools/gen_scenarios.py: writes the shipped scenario suite, scenarios/*.json (format ktcheck-scenario v1).

Every era x {plain, fatal signal, fork failure, kmalloc failure, stop before wake, park} that
applies, with 1-3 requesters (fewer where the exploration would exceed ~2 s); every mutation on
every variant it applies to; the historical bugs of protocol.md the model can express.

The expected verdicts below were each observed with `ktcheck check scenarios/`; a change in the
model that changes one must be looked at, not regenerated blindly.

  python3 tools/gen_scenarios.py [--strategy dpor] [--ktcheck build/cli/ktcheck] [--pin]

The variants and mutations (names, where each applies, what each mutation needs and is expected
to get) come from the registries of the ktcheck binary (`ktcheck list --json`): the model is their
one source of truth. A mutation expected to be refused as a model fault is not shipped (it makes
the suite exit 3; tests/cli/cli_tests.sh runs it).

Without --pin, a scenario that did not change keeps its pin (the others lose theirs, and the
script says how many). With --pin, it also pins the execution count of every exhaustive passing scenario
(expect.executions, which `ktcheck check` then checks: a change in the model or the reduction is
a reviewed diff) and regenerates traces/: one golden trace per expected failure, written by
`ktcheck explore --trace-dir traces` (run from the source directory: traces name their scenario
file by its relative path).
"""
import argparse
import json
import os
import subprocess

# Filled from `ktcheck list --json` by load_registries().
ERAS = []
KILLABLE = set()
HAS_PARK = set()
HAS_KMALLOC = set()  # eras whose create is kmalloc'd: the killable ones (A/B keep it on the stack)
MUTATIONS = {}  # name -> (requester template, faults, expected invariant or None)
MUTATION_REQUESTERS = {}
MUTATION_APPLIES = {}
EQUIVALENT = set()  # rewrites that pass under every memory model


def load_registries(ktcheck):
    run = subprocess.run([ktcheck, "list", "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{ktcheck} list --json: exit {run.returncode}: {run.stderr}")
    registry = json.loads(run.stdout)
    for v in registry["variants"]:
        ERAS.append(v["name"])
        if v["killable"]:
            KILLABLE.add(v["name"])
            HAS_KMALLOC.add(v["name"])
        if v["has_park"]:
            HAS_PARK.add(v["name"])
    for m in registry["mutations"]:
        sc = m["expected"]["sc"]
        if sc == "model-fault":
            continue
        needs = m["needs"]
        template = {"after": needs["after"]}
        if needs["fatal_signal"]:
            template["fatal_signal"] = True
        fault = {"fork_failure": True} if needs["fork_failure"] else {}
        MUTATIONS[m["name"]] = (template, fault, None if sc == "pass" else sc)
        MUTATION_APPLIES[m["name"]] = set(m["applies_to"])
        if needs["requesters"] != 1:
            MUTATION_REQUESTERS[m["name"]] = needs["requesters"]
        if all(e == "pass" for e in m["expected"].values()):
            EQUIVALENT.add(m["name"])


# (config name, description, requester template, faults)
CONFIGS = [
    ("plain", "no faults; the requester wakes the new thread", {"after": "wake"}, {}),
    ("fatal-signal", "the requester may get a fatal signal at any point", {"after": "wake", "fatal_signal": True}, {}),
    ("fork-failure", "kernel_thread() may fail", {"after": "wake"}, {"fork_failure": True}),
    ("kmalloc-failure", "kmalloc/kzalloc/kvasprintf may fail", {"after": "wake"}, {"kmalloc_failure": True}),
    ("stop", "the requester calls kthread_stop() before any wake-up", {"after": "stop"}, {}),
    ("park", "the requester parks and unparks the new thread", {"after": "park"}, {}),
]

# Every one- and two-requester exploration is exhaustive (measured with dpor: each two-requester
# scenario takes at most ~5 s; era-a and era-e fatal-signal-2r, about 3 s, are the longest) except ubuntu's fatal-signal-2r
# (its ten timed retries: > 60 s) and the three-requester ones (era-e plain-3r: > 60 s). Those are
# bounded to BOUNDED_EXECUTIONS executions (~1 s) and say so in their description. A bounded pass
# is a regression check, not a proof.
REQUESTERS = {"plain": 3, "fatal-signal": 2, "fork-failure": 2}  # default: 1
BOUNDED_EXECUTIONS = 20000
BOUNDED = {("ubuntu", "fatal-signal", 2)}


def bounded(era, config, n):
    return n > 2 or (era, config, n) in BOUNDED

# Verdicts that differ from "pass", observed (and explained by protocol.md).
def expected(era, config, requesters):
    if era == "era-c-2013" and any(r.get("fatal_signal") for r in requesters):
        return {"verdict": "fail", "invariant": "valid-return"}
    return {"verdict": "pass"}

# Real bugs of protocol.md's history that the model expresses.
HISTORY = [
    ("hist-unkillable-oom-era-a",
     "2.6.22-2.6.30: a killed requester waits uninterruptibly for kthreadd, which waits for memory the requester "
     "holds (OOM): it never returns. Fixed by the killable wait (2013).",
     "era-a", [{"after": "wake", "fatal_signal": True}], {"oom": True},
     {"verdict": "fail", "invariant": "killed-requester-returns"}),
    ("hist-unkillable-oom-era-b",
     "2.6.31-3.12: the same unkillable requester under OOM, with the single-completion protocol.",
     "era-b", [{"after": "wake", "fatal_signal": True}], {"oom": True},
     {"verdict": "fail", "invariant": "killed-requester-returns"}),
    ("hist-unkillable-oom-fixed-era-c",
     "3.13+: the killable wait fixes the OOM livelock: the killed requester returns -EINTR.",
     "era-c", [{"after": "wake", "fatal_signal": True}], {"oom": True}, {"verdict": "pass"}),
    ("hist-unkillable-oom-fixed-era-e",
     "5.17+: still fixed in the current protocol.",
     "era-e", [{"after": "wake", "fatal_signal": True}], {"oom": True}, {"verdict": "pass"}),
    ("hist-unkillable-oom-ubuntu",
     "Ubuntu's SAUCE patch retries the wait 10 times, but not for an OOM victim: still returns.",
     "ubuntu", [{"after": "wake", "fatal_signal": True}], {"oom": True}, {"verdict": "pass"}),
    ("hist-wrong-errno-2013",
     "2013-2014: the first killable version returned ERR_PTR(-ENOMEM) to a killed requester instead of -EINTR.",
     "era-c-2013", [{"after": "nothing", "fatal_signal": True}], {},
     {"verdict": "fail", "invariant": "valid-return"}),
    ("hist-wrong-errno-fixed-2014",
     "2014: the fix: a killed requester gets -EINTR.",
     "era-c", [{"after": "nothing", "fatal_signal": True}], {}, {"verdict": "pass"}),
]


def requester(template):
    return {"fatal_signal": bool(template.get("fatal_signal", False)), "after": template.get("after", "wake")}


def faults(extra):
    f = {"fork_failure": False, "kmalloc_failure": False, "oom": False, "max_fork_failures": 1,
         "max_kmalloc_failures": 1}
    f.update(extra)
    return f


def scenario(name, description, variant, mutations, requesters, fault, expect, strategy, max_executions=0,
             invariants=()):
    return {
        "format": "ktcheck-scenario",
        "version": 1,
        "name": name,
        "description": description,
        "variant": variant,
        "mutations": mutations,
        "requesters": requesters,
        "faults": faults(fault),
        "invariants": list(invariants),
        "exploration": {"strategy": strategy, "max_steps": 10000, "max_executions": max_executions, "seed": 0,
                        "keep_going": False},
        "expect": expect,
    }


def applies(era, config):
    if config == "park":
        return era in HAS_PARK
    if config == "kmalloc-failure":
        return era in HAS_KMALLOC
    return True


def suite(strategy):
    out = []
    for era in ERAS:
        for config, text, template, fault in CONFIGS:
            if not applies(era, config):
                continue
            for n in range(1, REQUESTERS.get(config, 1) + 1):
                reqs = [requester(template) for _ in range(n)]
                name = f"{era}-{config}-{n}r"
                desc = f"{era}, {n} requester{'s' if n > 1 else ''}: {text}"
                bound = 0
                if bounded(era, config, n):
                    bound = BOUNDED_EXECUTIONS
                    desc += f" (bounded: the first {bound} executions)"
                out.append(scenario(name, desc, era, [], reqs, fault, expected(era, config, reqs), strategy, bound))
    for mutation, (template, fault, invariant) in sorted(MUTATIONS.items()):
        for era in ERAS:
            if era not in MUTATION_APPLIES[mutation]:
                continue
            expect = {"verdict": "fail", "invariant": invariant} if invariant else {"verdict": "pass"}
            if invariant is None:
                expect = expected(era, "plain", [requester(template)])
            n = MUTATION_REQUESTERS.get(mutation, 1)
            desc = f"mutation {mutation} on {era}: " + ("expected to fail " + invariant if invariant else
                                                         "an equivalent rewrite: must pass" if mutation in EQUIVALENT
                                                         else "passes under sequential consistency")
            if n > 1:
                desc += f" ({n} requesters)"
            # era-c-2013's own bug (valid-return, with a fatal signal) is found first: check only the
            # mutation's invariant there.
            only = [invariant] if era == "era-c-2013" and template.get("fatal_signal") and invariant else []
            if only:
                desc += " (only this invariant is checked: era-c-2013 breaks valid-return first)"
            out.append(scenario(f"mut-{mutation}-{era}", desc, era, [mutation], [requester(template)] * n, fault,
                                expect, strategy, invariants=only))
    for name, desc, era, reqs, fault, expect in HISTORY:
        out.append(scenario(name, desc, era, [], [requester(r) for r in reqs], fault, expect, strategy))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strategy", default="dpor", help="exploration strategy written in every scenario")
    parser.add_argument("--ktcheck", default="build/cli/ktcheck",
                        help="path of the ktcheck binary: its registries name the variants and mutations")
    parser.add_argument("--pin", action="store_true",
                        help="also pin the execution counts and regenerate traces/ (runs ktcheck)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "scenarios"))
    args = parser.parse_args()
    load_registries(os.path.abspath(args.ktcheck))
    os.makedirs(args.out, exist_ok=True)
    previous = {}  # the pins of the suite as it was: kept for scenarios that did not change
    for old in os.listdir(args.out):
        if old.endswith(".json"):
            with open(os.path.join(args.out, old)) as f:
                previous[old[:-len(".json")]] = json.load(f)
            os.remove(os.path.join(args.out, old))
    scenarios = suite(args.strategy)
    kept = dropped = 0
    for s in scenarios:
        if not args.pin:
            before = previous.get(s["name"])
            if before is not None and "executions" in before.get("expect", {}):
                unpinned = json.loads(json.dumps(before))
                del unpinned["expect"]["executions"]
                if unpinned == s:
                    s["expect"]["executions"] = before["expect"]["executions"]
                    kept += 1
                else:
                    dropped += 1
        with open(os.path.join(args.out, s["name"] + ".json"), "w") as f:
            json.dump(s, f, indent=2)
            f.write("\n")
    print(f"wrote {len(scenarios)} scenarios to {os.path.normpath(args.out)}")
    if not args.pin:
        print(f"kept {kept} execution-count pins of unchanged scenarios; dropped {dropped} of changed ones"
              + (" (run with --pin to pin them again)" if dropped else ""))
    if args.pin:
        pinned = 0
        for s in scenarios:
            if s["expect"]["verdict"] != "pass" or s["exploration"]["max_executions"] != 0:
                continue
            path = os.path.join(args.out, s["name"] + ".json")
            run = subprocess.run([os.path.abspath(args.ktcheck), "explore", "--json", path], capture_output=True,
                                 text=True)
            report = json.loads(run.stdout) if run.returncode == 0 else {"complete": False}
            if run.returncode != 0 or not report["complete"]:
                raise SystemExit(f"{s['name']}: expected an exhaustive pass, got exit {run.returncode}")
            s["expect"]["executions"] = report["executions"]
            with open(path, "w") as f:
                json.dump(s, f, indent=2)
                f.write("\n")
            pinned += 1
        print(f"pinned the execution counts of {pinned} exhaustive scenarios")
        root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        traces = os.path.join(root, "traces")
        os.makedirs(traces, exist_ok=True)
        for old in os.listdir(traces):
            if old.endswith(".json"):
                os.remove(os.path.join(traces, old))
        count = 0
        for s in scenarios:
            if s["expect"]["verdict"] != "fail":
                continue
            run = subprocess.run([os.path.abspath(args.ktcheck), "explore", "--trace-dir", "traces",
                                  os.path.join("scenarios", s["name"] + ".json")], cwd=root, capture_output=True, text=True)
            expected_trace = os.path.join(traces, s["name"] + "." + s["expect"]["invariant"] + ".json")
            if run.returncode != 1 or not os.path.exists(expected_trace):
                raise SystemExit(f"{s['name']}: expected a {s['expect']['invariant']} trace, got exit {run.returncode}:\n"
                                 + run.stdout + run.stderr)
            count += 1
        print(f"wrote {count} golden traces to traces/")


if __name__ == "__main__":
    main()
