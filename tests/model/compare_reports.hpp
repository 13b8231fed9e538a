// tests/model/compare_reports.hpp: what the cross-checks compare between two explorations of
// one scenario: the verdict (the failures' keys) and the set of final outcomes, a difference
// printed with the trace that reached it.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "explorer/explorer.hpp"
#include "model/program.hpp"
#include "model/scenario.hpp"

namespace ktc_test {

namespace ex = explorer;

inline std::set<std::string> verdict(const ex::Report& report) {
    std::set<std::string> keys;
    for (const ex::Finding& finding : report.findings) {
        keys.insert(finding.failure.key());
    }
    return keys;
}

inline std::string steps_of(const ex::Trace& trace) {
    std::string text;
    for (const ex::TraceStep& step : trace.steps) {
        text += "  " + step.task + " " + step.op + (step.object.empty() ? "" : " " + step.object) + "\n";
    }
    return text;
}

// What `a` reached and `b` did not, each with the trace that reached it.
inline std::vector<std::string> missing_outcomes(const char* a_name, const ex::Report& a, const char* b_name,
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

inline void missing(const char* a_name, const ex::Report& a, const char* b_name, const ex::Report& b) {
    for (const std::string& difference : missing_outcomes(a_name, a, b_name, b)) {
        FAIL_CHECK(difference);
    }
}

// Same verdict, same outcomes, both ways.
inline void same_behaviours(const char* a_name, const ex::Report& a, const char* b_name, const ex::Report& b) {
    REQUIRE(a.complete);
    REQUIRE(b.complete);
    CHECK(verdict(a) == verdict(b));
    CHECK(a.outcomes.size() == b.outcomes.size());
    missing(a_name, a, b_name, b);
    missing(b_name, b, a_name, a);
}

// Every outcome and every failure, exhaustively, of `config`.
inline ex::Report run_collecting(const model::ModelConfig& config, std::uint64_t max_steps, ex::Strategy& strategy) {
    ex::Options options;
    options.keep_going = true;
    options.collect_outcomes = true;
    options.max_steps = max_steps;
    return ex::explore(model::build_program(config), strategy, options);
}

inline ex::Report run(const model::Scenario& s, ex::Strategy& strategy) {
    return run_collecting(s.config, s.exploration.max_steps, strategy);
}

// The shipped scenarios with `requesters` requesters, in file order.
inline std::vector<model::Scenario> shipped_scenarios(std::size_t requesters) {
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
        if (s.config.requesters.size() == requesters) {
            out.push_back(std::move(s));
        }
    }
    return out;
}

}  // namespace ktc_test
