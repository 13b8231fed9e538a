// tests/model/cross_check_test.cpp: the reduction against the reference: on every shipped
// one-requester scenario, `stateful` (state caching, no reduction) and `dpor` reach the same
// verdict and the same set of final outcomes. A difference prints what one found and the other
// missed, with the trace that reached it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/stateful.hpp"
#include "model/program.hpp"
#include "model/scenario.hpp"

TEST_SUITE_BEGIN("model.cross_check");

namespace {

namespace ex = explorer;

std::set<std::string> verdict(const ex::Report& report) {
    std::set<std::string> keys;
    for (const ex::Finding& finding : report.findings) {
        keys.insert(finding.failure.key());
    }
    return keys;
}

std::string steps_of(const ex::Trace& trace) {
    std::string text;
    for (const ex::TraceStep& step : trace.steps) {
        text += "  " + step.task + " " + step.op + (step.object.empty() ? "" : " " + step.object) + "\n";
    }
    return text;
}

// What `a` reached and `b` did not, each with the trace that reached it.
std::vector<std::string> missing_outcomes(const char* a_name, const ex::Report& a, const char* b_name,
                                          const ex::Report& b) {
    std::vector<std::string> out;
    for (const auto& [outcome, trace] : a.outcomes) {
        if (b.outcomes.find(outcome) == b.outcomes.end()) {
            out.push_back(std::string(a_name) + " reaches an outcome " + b_name + " misses:\n" + outcome + "by:\n" +
                          steps_of(trace));
        }
    }
    return out;
}

void missing(const char* a_name, const ex::Report& a, const char* b_name, const ex::Report& b) {
    for (const std::string& difference : missing_outcomes(a_name, a, b_name, b)) {
        FAIL_CHECK(difference);
    }
}

ex::Report run(const model::Scenario& s, ex::Strategy& strategy) {
    ex::Options options;
    options.keep_going = true;
    options.collect_outcomes = true;
    options.max_steps = s.exploration.max_steps;
    return ex::explore(model::build_program(s.config), strategy, options);
}

std::vector<model::Scenario> one_requester_scenarios() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(KTC_SOURCE_DIR) + "/scenarios")) {
        files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<model::Scenario> out;
    for (const std::string& file : files) {
        model::ScenarioResult loaded = model::load_scenario_file(file);
        REQUIRE(std::holds_alternative<model::Scenario>(loaded));
        model::Scenario s = std::get<model::Scenario>(loaded);
        if (s.config.requesters.size() == 1) {
            out.push_back(std::move(s));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("stateful and dpor: same verdict and same final outcomes on every one-requester scenario") {
    std::vector<model::Scenario> scenarios = one_requester_scenarios();
    REQUIRE(scenarios.size() >= 50);
    std::uint64_t states = 0;
    std::uint64_t executions = 0;
    for (const model::Scenario& s : scenarios) {
        CAPTURE(s.name);
        ex::DporStrategy dpor;
        ex::StatefulStrategy stateful;
        ex::Report by_dpor = run(s, dpor);
        ex::Report by_stateful = run(s, stateful);
        REQUIRE(by_dpor.complete);
        REQUIRE(by_stateful.complete);
        CHECK(verdict(by_dpor) == verdict(by_stateful));
        CHECK(by_dpor.outcomes.size() == by_stateful.outcomes.size());
        missing("stateful", by_stateful, "dpor", by_dpor);
        missing("dpor", by_dpor, "stateful", by_stateful);
        CHECK(by_stateful.search.states > 0);
        states += by_stateful.search.states;
        executions += by_dpor.executions;
    }
    MESSAGE(scenarios.size() << " scenarios cross-checked, " << states << " states in all, " << executions
                             << " dpor executions");
    // Pinned (GenMC's practice): a change in the model, the fingerprint or the reduction shows
    // here as a reviewed diff, not silently.
    CHECK(scenarios.size() == 111);
    CHECK(states == 919361);
}

TEST_CASE("the cross-check catches a reduction that drops a behaviour") {
    // A strategy that explores only the first schedule cannot reach what dpor reaches: the
    // comparison the cross-check makes names what it missed, with the trace that reaches it.
    model::ModelConfig config;
    config.requesters = {{true, model::AfterCreation::wake}};
    model::Scenario s;
    s.config = config;
    s.exploration.max_steps = 10000;
    ex::DporStrategy dpor;
    ex::Report full = run(s, dpor);
    ex::DporStrategy once;
    ex::Options options;
    options.collect_outcomes = true;
    options.max_executions = 1;
    ex::Report first = ex::explore(model::build_program(config), once, options);
    CHECK(first.outcomes.size() == 1);
    std::vector<std::string> differences = missing_outcomes("dpor", full, "the first schedule", first);
    CHECK(differences.size() == full.outcomes.size() - 1);
    REQUIRE_FALSE(differences.empty());
    CHECK(differences[0].find("dpor reaches an outcome the first schedule misses:") == 0);
    CHECK(differences[0].find("by:\n  kthreadd ") != std::string::npos);
    CHECK(missing_outcomes("the first schedule", first, "dpor", full).empty());
}

TEST_SUITE_END();
