// tests/explorer/estimate_test.cpp: dpor's estimate of its total executions (the progress line's
// and `explore --estimate`'s): exact when the search is done, deterministic, and extrapolated
// from the part explored so far.
#include <doctest/doctest.h>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "tests/explorer/programs.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;
using test_programs::factorial;
using test_programs::locked_sections;
using test_programs::writers;

namespace {

double estimate_after(const ex::Program& program, std::uint64_t executions, ex::Report* report = nullptr) {
    ex::DporStrategy dpor;
    ex::Options options;
    options.max_executions = executions;
    ex::Report r = ex::explore(program, dpor, options);
    if (report != nullptr) {
        *report = r;
    }
    return dpor.estimated_executions();
}

}  // namespace

TEST_CASE("the estimate is the execution count once the search is done") {
    for (const ex::Program& program : {writers(3, 2), writers(4, 1, 1, ex::Access::read_write), locked_sections(3, 2),
                                       writers(2, 2, 3)}) {
        ex::Report report;
        double estimate = estimate_after(program, 0, &report);
        REQUIRE(report.complete);
        CHECK(estimate == doctest::Approx(static_cast<double>(report.executions)));
    }
}

TEST_CASE("the estimate extrapolates the part explored, the same for the same part") {
    // ainc(5): 120 executions, the root's five subtrees of 24 alike: once the first is done,
    // each alternative still to take is taken to be as large, which is exact here.
    const ex::Program ainc = writers(5, 1, 1, ex::Access::read_write);
    CHECK(estimate_after(ainc, 24) == doctest::Approx(120));
    CHECK(estimate_after(ainc, 60) == doctest::Approx(120));
    // Two tasks writing x twice, each write with 3 values: 6 interleavings x 81 value
    // combinations: after the first interleaving's 81, the others are taken to be alike.
    const ex::Program choices = writers(2, 2, 3);
    CHECK(estimate_after(choices, 81) == doctest::Approx(486));
    // lastzero(5): 64 executions in subtrees of different sizes: an estimate, not a count
    // (32 after 8, 86 after 32).
    // Pinned: a change shows here as a reviewed diff.
    const ex::Program lastzero5 = test_programs::lastzero(5);
    const double early = estimate_after(lastzero5, 8);
    CHECK(early == estimate_after(lastzero5, 8));  // deterministic
    CHECK(early == doctest::Approx(32));
    MESSAGE("lastzero(5): estimate " << early << " after 8 executions, " << estimate_after(lastzero5, 32)
                                     << " after 32, of 64");
}

TEST_SUITE_END();
