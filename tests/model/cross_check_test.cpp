// tests/model/cross_check_test.cpp: the reduction against the reference: on every shipped
// one-requester scenario, `stateful` (state caching, no reduction, the fine model) and `dpor`
// (the coarse model, in both search orders, with wakeup trees and with source sets) reach the same verdict and the same set of final outcomes. A difference prints what one found and the other
// missed, with the trace that reached it.
#include <doctest/doctest.h>

#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/stateful.hpp"
#include "tests/model/compare_reports.hpp"

TEST_SUITE_BEGIN("model.cross_check");

using namespace ktc_test;

TEST_CASE("stateful (fine model) and dpor (coarse): same verdict and same final outcomes on every one-requester scenario") {
    std::vector<model::Scenario> scenarios = shipped_scenarios(1);
    REQUIRE(scenarios.size() >= 50);
    std::uint64_t states = 0;
    std::uint64_t executions = 0;
    for (const model::Scenario& s : scenarios) {
        CAPTURE(s.name);
        ex::DporStrategy dpor;
        ex::StatefulStrategy stateful;
        ex::Report by_dpor = run(s, dpor);
        // The search order changes what dpor explores, never what it finds.
        ex::DporStrategy reversed(ex::DporStrategy::Order::highest_id_first);
        ex::Report by_reversed = run(s, reversed);
        // The reference has no reduction and runs the fine model: what the coarse granularity
        // vouches for is checked with the reduction.
        model::ModelConfig fine = s.config;
        fine.granularity = model::Granularity::fine;
        ex::Report by_stateful = run_collecting(fine, s.exploration.max_steps, stateful);
        // Source sets (dpor-source) follow other sequences: what they find must be the same.
        ex::DporStrategy source(ex::DporStrategy::Sets::source_sets);
        ex::Report by_source = run(s, source);
        ex::DporStrategy source_reversed(ex::DporStrategy::Order::highest_id_first, ex::DporStrategy::Sets::source_sets);
        ex::Report by_source_reversed = run(s, source_reversed);
        same_behaviours("stateful", by_stateful, "dpor", by_dpor);
        same_behaviours("stateful", by_stateful, "dpor, highest id first", by_reversed);
        same_behaviours("stateful", by_stateful, "dpor-source", by_source);
        same_behaviours("stateful", by_stateful, "dpor-source, highest id first", by_source_reversed);
        CHECK(dpor.fallbacks() == 0);
        CHECK(reversed.fallbacks() == 0);
        CHECK(source.fallbacks() == 0);
        CHECK(source_reversed.fallbacks() == 0);
        CHECK(by_stateful.search.states > 0);
        states += by_stateful.search.states;
        executions += by_dpor.executions;
    }
    MESSAGE(scenarios.size() << " scenarios cross-checked, " << states << " states in all, " << executions
                             << " dpor executions");
    // Pinned (GenMC's practice): a change in the model, the fingerprint or the reduction shows
    // here as a reviewed diff, not silently.
    CHECK(scenarios.size() == 111);
    CHECK(states == 912396);
}

TEST_CASE("dpor and dpor-source: same verdicts and outcomes on every two-requester scenario, no fallback") {
    // Beyond stateful's reach, the two reductions check each other. The fork and kmalloc
    // failures are data choices inside the sequences dpor (wakeup trees) replays: a walk that ignored
    // them, or a replay that took another value, shows here as a fallback.
    std::uint64_t source_total = 0;
    std::uint64_t optimal_total = 0;
    for (const model::Scenario& s : shipped_scenarios(2)) {
        if (s.exploration.max_executions != 0) {
            continue;  // capped in the suite: not exhaustive
        }
        CAPTURE(s.name);
        ex::DporStrategy source(ex::DporStrategy::Sets::source_sets);
        ex::Report by_source = run(s, source);
        for (auto order : {ex::DporStrategy::Order::lowest_id_first, ex::DporStrategy::Order::highest_id_first}) {
            CAPTURE(static_cast<int>(order));
            ex::DporStrategy optimal(order, ex::DporStrategy::Sets::wakeup_trees);
            ex::Report by_optimal = run(s, optimal);
            same_behaviours("dpor-source", by_source, "dpor", by_optimal);
            CHECK(optimal.fallbacks() == 0);
            if (order == ex::DporStrategy::Order::lowest_id_first) {
                optimal_total += by_optimal.executions;
            }
        }
        source_total += by_source.executions;
    }
    MESSAGE("two requesters: dpor-source " << source_total << " executions, dpor " << optimal_total);
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
