// tests/explorer/lock_counts_test.cpp: a held lock is not an event: lock-based programs explore
// exactly their closed-form counts, and a task left waiting for a lock still has its races.
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>

#include "explorer/explorer.hpp"
#include "explorer/lock.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "tests/explorer/programs.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;
using test_programs::locked_sections;
using test_programs::multinomial;

TEST_CASE("N tasks doing K locked read-write sections: (NK)!/(K!)^N executions and none blocked") {
    for (auto [n, k] : {std::pair{2, 1}, {2, 2}, {2, 3}, {3, 1}, {3, 2}, {4, 1}, {3, 3}}) {
        CAPTURE(n);
        CAPTURE(k);
        const std::uint64_t expected = multinomial(n, k);
        ex::DfsStrategy dfs;
        ex::Report all = ex::explore(locked_sections(n, k), dfs);
        CHECK(all.complete);
        CHECK(all.executions == expected);
        ex::DporStrategy dpor;
        ex::Report reduced = ex::explore(locked_sections(n, k), dpor);
        CHECK(reduced.complete);
        CHECK(reduced.passed());
        CHECK(reduced.executions == expected);
        CHECK(reduced.pruned == 0);
        CHECK(reduced.steps == expected * static_cast<std::uint64_t>(2 * n * k));
        CHECK(dpor.fallbacks() == 0);
        ex::DporStrategy source(ex::DporStrategy::Sets::source_sets);
        ex::Report by_source = ex::explore(locked_sections(n, k), source);
        CHECK(by_source.executions == expected);
        CHECK(by_source.pruned == 0);
        CHECK(source.fallbacks() == 0);
    }
}

namespace {

// `holder` takes L and, if the flag is not set yet, sleeps holding it; `setter` needs L to set
// the flag and wake it. Holder first is a deadlock (the setter waits for L for ever), setter
// first is fine. The holder is spawned first, so the first execution is the deadlock, and the
// other order is reachable only through the race of the setter's lock, which it never took,
// with the holder's acquire.
ex::Program sleeping_holder() {
    return [] {
        auto flag = std::make_shared<bool>(false);
        auto holder_id = std::make_shared<ex::TaskId>(ex::no_task);
        ex::ObjectId lock = ex::object("L");
        ex::ObjectId f = ex::object("flag");
        *holder_id = ex::spawn("holder", [=] {
            ex::lock(lock);
            ex::step("test flag", f, ex::Access::read);
            if (!*flag) {
                ex::block("flag", f);
            }
            ex::unlock(lock);
        });
        ex::spawn("setter", [=] {
            ex::lock(lock);
            ex::step("set flag", f, ex::Access::write);
            *flag = true;
            ex::unlock(lock);
            ex::wake(*holder_id);
        });
    };
}

std::set<std::string> verdicts(ex::Strategy& strategy, std::uint64_t* executions) {
    ex::Options options;
    options.keep_going = true;
    ex::Report report = ex::explore(sleeping_holder(), strategy, options);
    CHECK(report.complete);
    *executions = report.executions;
    std::set<std::string> seen;
    for (const ex::Finding& finding : report.findings) {
        seen.insert(finding.failure.key());
    }
    if (report.executions > report.failed_executions) {
        seen.insert("passes");
    }
    return seen;
}

}  // namespace

TEST_CASE("a task that never gets its lock still races with the holder's acquire (lock fail)") {
    ex::DfsStrategy dfs;
    ex::DporStrategy dpor;
    std::uint64_t all = 0;
    std::uint64_t reduced = 0;
    std::set<std::string> expected = verdicts(dfs, &all);
    REQUIRE(expected.size() == 2);  // the deadlock and a clean end
    CHECK(verdicts(dpor, &reduced) == expected);
    CHECK(reduced == 2);
    CHECK(dpor.fallbacks() == 0);
    ex::DporStrategy source(ex::DporStrategy::Sets::source_sets);
    std::uint64_t by_source = 0;
    CHECK(verdicts(source, &by_source) == expected);
    CHECK(by_source == 2);
    CHECK(source.fallbacks() == 0);
}

TEST_CASE("the deadlock of a sleeping lock holder names the task waiting for the lock") {
    ex::Report report = ex::explore(sleeping_holder());
    REQUIRE(report.findings.size() == 1);
    const ex::Failure& failure = report.findings[0].failure;
    CHECK(failure.kind == ex::FailureKind::deadlock);
    REQUIRE(failure.blocked.size() == 2);
    CHECK(failure.message.find("holder in flag on flag") != std::string::npos);
    CHECK(failure.message.find("setter in spin_lock on L") != std::string::npos);
}

TEST_SUITE_END();
