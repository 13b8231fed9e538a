// tests/model/symmetry_test.cpp: interchangeable requesters queueing in turn (symmetry
// `requesters`) against every order (`none`): on every shipped two-requester scenario, and on
// three-requester configurations with and without a distinct requester, the same verdicts and,
// up to renaming the interchangeable requesters, the same outcomes, in fewer executions.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/stateful.hpp"
#include "model/outcome.hpp"
#include "tests/model/compare_reports.hpp"

TEST_SUITE_BEGIN("model.symmetry");

using namespace ktc_test;

namespace {

std::set<std::string> outcomes_up_to_renaming(const ex::Report& report, const model::ModelConfig& config) {
    std::set<std::string> out;
    for (const auto& [outcome, trace] : report.outcomes) {
        out.insert(model::up_to_renaming(outcome, config));
    }
    return out;
}

struct Compared {
    std::uint64_t full = 0;
    std::uint64_t symmetric = 0;
};

// `config` explored with every order and in turn: same verdict, same outcomes up to renaming.
Compared compare(model::ModelConfig config, std::uint64_t max_steps) {
    config.symmetry = model::Symmetry::none;
    ex::DporStrategy all_orders;
    ex::Report full = run_collecting(config, max_steps, all_orders);
    config.symmetry = model::Symmetry::requesters;
    ex::DporStrategy in_turn;
    ex::Report symmetric = run_collecting(config, max_steps, in_turn);
    REQUIRE(full.complete);
    REQUIRE(symmetric.complete);
    CHECK(verdict(full) == verdict(symmetric));
    const std::set<std::string> expected = outcomes_up_to_renaming(full, config);
    const std::set<std::string> found = outcomes_up_to_renaming(symmetric, config);
    for (const std::string& outcome : expected) {
        if (found.count(outcome) == 0) {
            FAIL_CHECK("every order reaches an outcome the symmetric search misses (up to renaming):\n" << outcome);
        }
    }
    CHECK(found == expected);
    CHECK(symmetric.executions <= full.executions);
    CHECK(in_turn.fallbacks() == 0);
    return {full.executions, symmetric.executions};
}

model::ModelConfig era_e(std::vector<model::RequesterConfig> requesters, bool faults) {
    model::ModelConfig config;
    config.variant = "era-e";
    config.requesters = std::move(requesters);
    config.faults.fork_failure = faults;
    config.faults.kmalloc_failure = faults;
    return config;
}

}  // namespace

TEST_CASE("symmetry: same verdicts and outcomes up to renaming on every two-requester scenario") {
    Compared totals;
    for (const model::Scenario& s : shipped_scenarios(2)) {
        if (s.exploration.max_executions != 0) {
            continue;  // capped in the suite: not exhaustive there either
        }
        CAPTURE(s.name);
        Compared c = compare(s.config, s.exploration.max_steps);
        totals.full += c.full;
        totals.symmetric += c.symmetric;
    }
    MESSAGE("two requesters: " << totals.symmetric << " executions in turn against " << totals.full << " in every order");
    CHECK(totals.symmetric < totals.full);
}

TEST_CASE("symmetry: three requesters, all alike or one distinct, with and without faults") {
    const model::RequesterConfig plain{};
    const model::RequesterConfig killable{true, model::AfterCreation::wake};
    const model::RequesterConfig stopper{false, model::AfterCreation::stop};
    struct Case {
        const char* name;
        model::ModelConfig config;
    };
    const Case cases[] = {
        {"three alike", era_e({plain, plain, plain}, false)},
        {"three killable alike", era_e({killable, killable, killable}, false)},
        {"three alike, fork and kmalloc failure", era_e({plain, plain, plain}, true)},
        {"two killable and a stopper", era_e({killable, stopper, killable}, false)},
        {"a killable one and two alike, with faults", era_e({killable, plain, plain}, true)},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Compared counts = compare(c.config, 10'000);
        MESSAGE(std::string(c.name) << ": " << counts.symmetric << " executions in turn against " << counts.full);
        CHECK(counts.symmetric < counts.full);
    }
}

TEST_CASE("symmetry: a lost wake-up that needs two requesters is still caught in turn") {
    // kthreadd testing the list before it sets its state: a request queued in the window is
    // never seen (with two requesters the second one's wake-up is the one lost).
    model::ModelConfig config = era_e({{}, {}}, false);
    config.mutations = {"list-empty-before-set-state"};
    compare(config, 10'000);
    config.symmetry = model::Symmetry::requesters;
    ex::DporStrategy in_turn;
    ex::Report report = run_collecting(config, 10'000, in_turn);
    CHECK(verdict(report).count("invariant:no-lost-wakeup") == 1);
}

TEST_CASE("symmetry: stateful in turn against dpor in every order, two requesters") {
    model::ModelConfig config;
    config.variant = "era-c";
    config.requesters = {{}, {}};
    config.symmetry = model::Symmetry::none;
    ex::DporStrategy all_orders;
    ex::Report full = run_collecting(config, 10'000, all_orders);
    config.symmetry = model::Symmetry::requesters;
    ex::StatefulStrategy stateful;
    ex::Report in_turn = run_collecting(config, 10'000, stateful);
    REQUIRE(full.complete);
    REQUIRE(in_turn.complete);
    CHECK(verdict(full) == verdict(in_turn));
    CHECK(outcomes_up_to_renaming(full, config) == outcomes_up_to_renaming(in_turn, config));
}

TEST_CASE("up_to_renaming renames only interchangeable requesters") {
    model::ModelConfig config;
    config.requesters = {{}, {}, {false, model::AfterCreation::stop}};
    const std::string a = "requester0: returns ERR_PTR(-12)\nrequester1: returns kthread@requester1\nrequester2: returns x\n";
    const std::string b = "requester0: returns kthread@requester0\nrequester1: returns ERR_PTR(-12)\nrequester2: returns x\n";
    CHECK(model::up_to_renaming(a, config) == model::up_to_renaming(b, config));
    const std::string c = "requester0: returns kthread@requester0\nrequester1: returns x\nrequester2: returns ERR_PTR(-12)\n";
    CHECK(model::up_to_renaming(a, config) != model::up_to_renaming(c, config));
}

TEST_SUITE_END();
