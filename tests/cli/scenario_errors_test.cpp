// tests/cli/scenario_errors_test.cpp: every bad scenario fixture gives its exact error message and position.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "model/scenario.hpp"

TEST_SUITE_BEGIN("cli");

namespace {

struct BadInput {
    const char* file;      // in tests/cli/bad/
    const char* message;   // exactly what ktcheck prints (the file named as given)
};

const BadInput bad_inputs[] = {
    {"bad-name.json",
     "bad-name.json:4:11: error: /name: a name is 1 to 100 of [A-Za-z0-9._-], not starting with '.' (it names trace files)"},
    {"duplicate-key.json",
     "duplicate-key.json:5:3: error: /variant: duplicate key"},
    {"empty.json",
     "empty.json:1:1: error: empty file (a scenario is a JSON object, see docs/cli.md)"},
    {"expect-fail-without-invariant.json",
     "expect-fail-without-invariant.json:8:13: error: /expect: missing required key \"invariant\""},
    {"expect-unknown-invariant.json",
     "expect-unknown-invariant.json:8:46: error: /expect/invariant: unknown invariant or failure kind \"dead-lock\" (did you mean \"deadlock\"?)"},
    {"fraction.json",
     "fraction.json:7:51: error: /exploration/max_steps: expected an integer from 1 to 10000000, got 100.5"},
    {"huge-number.json",
     "huge-number.json:7:51: error: /exploration/max_steps: out of range: expected an integer from 1 to 10000000, got 99999999999999999999999"},
    {"missing-expect.json",
     "missing-expect.json:1:1: error: missing required key \"expect\""},
    {"mutation-not-applicable.json",
     "mutation-not-applicable.json:6:17: error: /mutations/0: mutation \"killed-requester-skips-xchg\" does not apply to era-a"},
    {"negative-count.json",
     "negative-count.json:7:57: error: /faults/max_fork_failures: out of range: expected an integer from 1 to 8, got -1"},
    {"no-requesters.json",
     "no-requesters.json:6:17: error: /requesters: expected 1 to 8 requesters, got 0"},
    {"not-an-object.json",
     "not-an-object.json:1:1: error: expected an object, got an array"},
    {"null-variant.json",
     "null-variant.json:5:14: error: /variant: expected a string, got null"},
    {"number-overflow.json",
     "number-overflow.json:7:51: error: invalid JSON: number overflow parsing '1e400'"},
    {"park-on-era-b.json",
     "park-on-era-b.json:6:51: error: /requesters/0/after: era-b has no kthread_park() (park needs era-c or later)"},
    {"too-many-requesters.json",
     "too-many-requesters.json:6:17: error: /requesters: expected 1 to 8 requesters, got 9"},
    {"trailing-garbage.json",
     "trailing-garbage.json:10:1: error: invalid JSON: syntax error while parsing value - invalid literal; last read: '\"pass\"}<U+000A>}<U+000A>x'; expected end of input"},
    {"truncated.json",
     "truncated.json:6:23: error: invalid JSON: syntax error while parsing object key - invalid string: missing closing quote; last read: '\"fat'; expected string literal"},
    {"unknown-after.json",
     "unknown-after.json:6:51: error: /requesters/0/after: unknown after-creation action \"wakeup\" (did you mean \"wake\"?)"},
    {"unknown-granularity.json",
     "unknown-granularity.json:6:18: error: /granularity: unknown granularity \"coarser\" (did you mean \"coarse\"?)"},
    {"unknown-invariant.json",
     "unknown-invariant.json:6:18: error: /invariants/0: unknown invariant \"no-lost-wakeups\" (did you mean \"no-lost-wakeup\"?)"},
    {"unknown-key.json",
     "unknown-key.json:5:3: error: /varient: unknown key \"varient\" (did you mean \"variant\"?)"},
    {"unknown-mutation.json",
     "unknown-mutation.json:6:17: error: /mutations/0: unknown mutation \"queue-without-locks\" (did you mean \"queue-without-lock\"?)"},
    {"unknown-nested-key.json",
     "unknown-nested-key.json:6:19: error: /requesters/0/fatal_sigal: unknown key \"fatal_sigal\" (did you mean \"fatal_signal\"?)"},
    {"unknown-strategy.json",
     "unknown-strategy.json:7:31: error: /exploration/strategy: unknown strategy \"dsf\" (did you mean \"dfs\"?)"},
    {"unknown-variant.json",
     "unknown-variant.json:5:14: error: /variant: unknown variant \"era-f\" (did you mean \"era-a\"?)"},
    {"unsupported-version.json",
     "unsupported-version.json:3:14: error: /version: unsupported scenario version 2 (this ktcheck reads version 1)"},
    {"wrong-format.json",
     "wrong-format.json:2:13: error: /format: expected \"ktcheck-scenario\", got \"ktcheck-trace\""},
    {"wrong-type-bool.json",
     "wrong-type-bool.json:6:35: error: /requesters/0/fatal_signal: expected true or false, got \"yes\""},
    {"wrong-type-requesters.json",
     "wrong-type-requesters.json:6:17: error: /requesters: expected an array, got \"two\""},
    {"zero-max-steps.json",
     "zero-max-steps.json:7:51: error: /exploration/max_steps: out of range: expected an integer from 1 to 10000000, got 0"},
};

}  // namespace

TEST_CASE("each bad scenario file is refused with its exact message, line and column") {
    for (const BadInput& bad : bad_inputs) {
        CAPTURE(bad.file);
        model::ScenarioResult result =
            model::load_scenario_file(std::string(KTC_SOURCE_DIR) + "/tests/cli/bad/" + bad.file);
        REQUIRE(std::holds_alternative<model::ScenarioError>(result));
        model::ScenarioError error = std::get<model::ScenarioError>(result);
        error.file = bad.file;
        CHECK(error.to_string() == bad.message);
    }
}

TEST_CASE("a directory and a missing file are errors, not crashes") {
    auto dir = model::load_scenario_file(std::string(KTC_SOURCE_DIR) + "/tests/cli/bad");
    REQUIRE(std::holds_alternative<model::ScenarioError>(dir));
    CHECK(std::get<model::ScenarioError>(dir).message == "is a directory, not a scenario file");
    auto missing = model::load_scenario_file(std::string(KTC_SOURCE_DIR) + "/tests/cli/bad/no-such-file.json");
    REQUIRE(std::holds_alternative<model::ScenarioError>(missing));
    CHECK(std::get<model::ScenarioError>(missing).message == "cannot read the scenario: no such file");
}

TEST_SUITE_END();
