// tests/model/granularity_test.cpp: the coarse model (the reductions the model vouches for)
// against the fine one (every step as it is): on every shipped one- and two-requester scenario the
// suite explores exhaustively both reach the same verdict and the same final outcomes under dpor, and the coarse one never
// explores more. The stateful cross-check (cross_check_test.cpp) checks coarse dpor against a
// search without reduction; this one reaches the two-requester scenarios stateful cannot.
#include <doctest/doctest.h>

#include "explorer/strategy/dpor.hpp"
#include "tests/model/compare_reports.hpp"

TEST_SUITE_BEGIN("model.granularity");

using namespace ktc_test;

namespace {

struct Totals {
    std::uint64_t coarse = 0;
    std::uint64_t fine = 0;
};

Totals compare_granularities(std::size_t requesters) {
    Totals totals;
    for (model::Scenario s : shipped_scenarios(requesters)) {
        if (s.exploration.max_executions != 0) {
            continue;  // capped in the suite (ubuntu's killable pair): not exhaustive there either
        }
        CAPTURE(s.name);
        s.config.granularity = model::Granularity::fine;
        // The fine model in the other search order: the comparison checks the order too.
        ex::DporStrategy fine_dpor(ex::DporStrategy::Order::highest_id_first);
        ex::Report fine = run(s, fine_dpor);
        s.config.granularity = model::Granularity::coarse;
        ex::DporStrategy coarse_dpor;
        ex::Report coarse = run(s, coarse_dpor);
        same_behaviours("fine", fine, "coarse", coarse);
        CHECK(coarse.executions <= fine.executions);
        CHECK(coarse_dpor.fallbacks() == 0);
        totals.coarse += coarse.executions;
        totals.fine += fine.executions;
    }
    return totals;
}

}  // namespace

TEST_CASE("coarse and fine granularity: same verdicts and outcomes on every one-requester scenario") {
    Totals totals = compare_granularities(1);
    MESSAGE("one requester: " << totals.coarse << " coarse executions against " << totals.fine << " fine");
    CHECK(totals.coarse < totals.fine);  // the commutation does prune here
}

TEST_CASE("coarse and fine granularity: same verdicts and outcomes on every two-requester scenario") {
    Totals totals = compare_granularities(2);
    MESSAGE("two requesters: " << totals.coarse << " coarse executions against " << totals.fine << " fine");
    CHECK(totals.coarse < totals.fine);
}

TEST_SUITE_END();
