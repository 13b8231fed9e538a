// tests/cli/formats_test.cpp: scenario canonical form and hash, trace file round trip and refusals.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <variant>

#include "explorer/trace/trace_json.hpp"
#include "model/scenario.hpp"

TEST_SUITE_BEGIN("cli");

namespace {

const char* valid = R"({"format": "ktcheck-scenario", "version": 1, "name": "t", "variant": "era-e",
  "requesters": [{"after": "wake"}], "expect": {"verdict": "pass"}})";

model::Scenario parse(const std::string& text) {
    model::ScenarioResult result = model::parse_scenario(text, "t.json");
    if (auto* error = std::get_if<model::ScenarioError>(&result)) {
        FAIL(error->to_string());
    }
    return std::get<model::Scenario>(result);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("the canonical form parses back to the same scenario and hash") {
    model::Scenario s = parse(valid);
    std::string canonical = model::to_canonical_json(s);
    model::Scenario again = parse(canonical);
    CHECK(model::to_canonical_json(again) == canonical);
    CHECK(model::scenario_hash(again) == model::scenario_hash(s));
    CHECK(model::scenario_hash(s).rfind("fnv1a64:", 0) == 0);
    CHECK(model::scenario_hash(s).size() == 8 + 16);
}

TEST_CASE("the hash follows what decides an execution, not the file's layout or labels") {
    std::string hash = model::scenario_hash(parse(valid));
    // Layout, description, expect and the strategy do not make a trace stale.
    CHECK(model::scenario_hash(parse(replaced(valid, ", \"version\": 1", ",\n\n   \"version\":1"))) == hash);
    CHECK(model::scenario_hash(parse(replaced(valid, "\"name\": \"t\"", "\"name\": \"t\", \"description\": \"x\""))) == hash);
    CHECK(model::scenario_hash(parse(replaced(valid, "\"variant\"", "\"exploration\": {\"strategy\": \"dfs\", \"seed\": 3}, \"variant\""))) == hash);
    // The model does.
    CHECK(model::scenario_hash(parse(replaced(valid, "era-e", "era-d"))) != hash);
    CHECK(model::scenario_hash(parse(replaced(valid, "\"after\": \"wake\"", "\"after\": \"stop\""))) != hash);
    CHECK(model::scenario_hash(parse(replaced(valid, "\"variant\"", "\"faults\": {\"oom\": true}, \"variant\""))) != hash);
    CHECK(model::scenario_hash(parse(replaced(valid, "\"variant\"", "\"exploration\": {\"max_steps\": 99}, \"variant\""))) != hash);
    // The granularity does; the default spelled out is the default (old traces stay fresh).
    model::Scenario fine = parse(replaced(valid, "\"variant\"", "\"granularity\": \"fine\", \"variant\""));
    CHECK(fine.config.granularity == model::Granularity::fine);
    CHECK(model::scenario_hash(fine) != hash);
    CHECK(model::scenario_hash(parse(model::to_canonical_json(fine))) == model::scenario_hash(fine));
    CHECK(model::scenario_hash(parse(replaced(valid, "\"variant\"", "\"granularity\": \"coarse\", \"variant\""))) == hash);
}

TEST_CASE("every access kind has a name of its own (traces write and read it)") {
    std::set<std::string> seen;
    for (unsigned i = 0; i <= static_cast<unsigned>(explorer::last_access); ++i) {
        std::string name = explorer::to_string(static_cast<explorer::Access>(i));
        CHECK(name != "?");
        CHECK(seen.insert(name).second);
    }
}

TEST_CASE("did you mean: close names only") {
    CHECK(model::did_you_mean("varient", {"variant", "name"}) == "variant");
    CHECK(model::did_you_mean("dsf", {"dfs", "dpor"}) == "dfs");
    CHECK_FALSE(model::did_you_mean("zzzzzz", {"variant", "name"}).has_value());
}

TEST_CASE("a trace file round-trips, one step per line, and refuses other formats and versions") {
    explorer::TraceFile file;
    file.tool = "ktcheck 0.1.0";
    file.scenario_name = "t";
    file.scenario_hash = "fnv1a64:0000000000000001";
    file.scenario_file = "scenarios/t.json";
    file.scenario_json = R"({"name":"t"})";
    file.options = {"dfs", 0, 100, 7};
    explorer::TraceStep a{"requester0", "kmalloc", "create@requester0", "", explorer::Access::write, {1}, "NULL", ""};
    explorer::TraceStep b{"kthreadd", "list_empty", "kthread_create_list", "", explorer::Access::read, {}, "", ""};
    file.trace.steps = {a, b};
    explorer::Failure failure;
    failure.kind = explorer::FailureKind::deadlock;
    failure.invariant = "deadlock";
    failure.step = 1;
    failure.message = "all blocked";
    failure.blocked = {{"requester0", "wait_for_completion", "done@requester0", false}};
    file.trace.failure = failure;

    std::string text = explorer::write_trace_json(file);
    CHECK(text.find("\n  {\"i\":0,\"task\":\"requester0\",\"op\":\"kmalloc\"") != std::string::npos);
    CHECK(text.find("\n  {\"i\":1,") != std::string::npos);
    explorer::TraceFile back;
    REQUIRE_FALSE(explorer::read_trace_json(text, &back).has_value());
    CHECK(back.trace.steps == file.trace.steps);
    REQUIRE(back.trace.failure.has_value());
    CHECK(back.trace.failure->key() == failure.key());
    CHECK(back.trace.failure->blocked.size() == 1);
    CHECK(back.scenario_json == file.scenario_json);
    CHECK(explorer::write_trace_json(back) == text);

    auto v2 = explorer::read_trace_json(replaced(text, "\"version\": 1", "\"version\": 2"), &back);
    REQUIRE(v2.has_value());
    CHECK(v2->pointer == "/version");
    CHECK(v2->message == "unsupported trace version 2 (this ktcheck reads version 1)");
    auto other = explorer::read_trace_json(replaced(text, "ktcheck-trace", "ktcheck-scenario"), &back);
    REQUIRE(other.has_value());
    CHECK(other->pointer == "/format");
    auto cut = explorer::read_trace_json(text.substr(0, text.size() / 2), &back);
    REQUIRE(cut.has_value());
    CHECK(cut->line > 0);
}

TEST_SUITE_END();
