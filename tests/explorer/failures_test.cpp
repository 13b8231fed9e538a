// tests/explorer/failures_test.cpp: failures are values: invariants, exceptions, assertions, bounds.
#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>

#include "explorer/explorer.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;

namespace {

// Two unsynchronised increments of a counter: load and store are separate steps.
ex::Program racy_counter() {
    return [] {
        auto counter = std::make_shared<int>(0);
        auto done = std::make_shared<int>(0);
        ex::ObjectId c = ex::object("counter");
        for (const char* name : {"a", "b"}) {
            ex::spawn(name, [=] {
                ex::step("load", c, ex::Access::read);
                int seen = *counter;
                ex::step("store", c, ex::Access::write);
                *counter = seen + 1;
                ++*done;
            });
        }
        ex::invariant("counter-bound", [counter]() -> std::optional<std::string> {
            if (*counter > 2) {
                return "counter above 2";
            }
            return std::nullopt;
        });
        ex::at_end("no-lost-update", [counter, done]() -> std::optional<std::string> {
            if (*counter != *done) {
                return "counter is " + std::to_string(*counter) + " after " + std::to_string(*done) +
                       " increments";
            }
            return std::nullopt;
        });
    };
}

}  // namespace

TEST_CASE("an end invariant finds the lost update, with the shortest schedule first in dfs order") {
    ex::Report report = ex::explore(racy_counter());
    REQUIRE(report.findings.size() == 1);
    const ex::Finding& finding = report.findings[0];
    CHECK(finding.failure.kind == ex::FailureKind::invariant);
    CHECK(finding.failure.invariant == "no-lost-update");
    CHECK(finding.failure.message == "counter is 1 after 2 increments");
    CHECK(finding.trace.steps.size() == 4);
    CHECK(finding.execution == 1);  // a-a-b-b passes; a-b-... is the second execution
}

TEST_CASE("keep_going visits every execution and counts failing ones") {
    ex::Options options;
    options.keep_going = true;
    ex::Report report = ex::explore(racy_counter(), options);
    CHECK(report.complete);
    CHECK(report.executions == 6);
    CHECK(report.failed_executions == 4);  // only the two serial orders keep both updates
    CHECK(report.findings.size() == 1);    // one distinct failure
}

TEST_CASE("keep_going collects distinct failures, each with its shortest execution") {
    ex::Options options;
    options.keep_going = true;
    ex::Report report = ex::explore([] {
        ex::spawn("t", [] {
            ex::step("s", ex::object("o"), ex::Access::write);
            std::size_t v = ex::choose(3, "which failure");
            if (v == 0) {
                ex::fail("first", "value 0");
            }
            if (v == 1) {
                throw std::runtime_error("value 1");
            }
            ex::step("s2", ex::object("o"), ex::Access::write);
            ex::check(false, "value 2 reached the end");
        });
    }, options);
    CHECK(report.complete);
    CHECK(report.executions == 3);
    REQUIRE(report.findings.size() == 3);
    CHECK(report.findings[0].failure.kind == ex::FailureKind::invariant);
    CHECK(report.findings[0].failure.invariant == "first");
    CHECK(report.findings[0].failure.task == "t");
    CHECK(report.findings[1].failure.kind == ex::FailureKind::exception);
    CHECK(report.findings[1].failure.message == "task t threw: value 1");
    CHECK(report.findings[2].failure.kind == ex::FailureKind::assertion);
    CHECK(report.findings[2].failure.message == "value 2 reached the end");
    CHECK(report.findings[2].failure.step == 1);
}

TEST_CASE("an exception in the setup or in a check is a failure, not a crash") {
    ex::Report setup = ex::explore([] { throw std::runtime_error("bad setup"); });
    REQUIRE(setup.findings.size() == 1);
    CHECK(setup.findings[0].failure.kind == ex::FailureKind::exception);
    CHECK(setup.findings[0].failure.message == "setup threw: bad setup");

    ex::Report check = ex::explore([] {
        ex::spawn("t", [] { ex::step("s", ex::object("o"), ex::Access::write); });
        ex::invariant("throws", []() -> std::optional<std::string> { throw std::logic_error("oops"); });
    });
    REQUIRE(check.findings.size() == 1);
    CHECK(check.findings[0].failure.message == "invariant throws threw: oops");
}

TEST_CASE("the step bound reports a possible livelock as its own kind") {
    ex::Options options;
    options.max_steps = 50;
    ex::Report report = ex::explore([] {
        ex::spawn("spinner", [] {
            while (true) {
                ex::step("spin", ex::object("flag"), ex::Access::read);
            }
        });
    }, options);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].failure.kind == ex::FailureKind::step_bound);
    CHECK(report.findings[0].trace.steps.size() == 50);
}

TEST_CASE("misuse of the API is reported as a failure") {
    ex::Report outside = ex::explore([] { ex::step("s", ex::object("o"), ex::Access::write); });
    REQUIRE(outside.findings.size() == 1);
    CHECK(outside.findings[0].failure.message.find("outside a task") != std::string::npos);

    ex::Report priming_choice = ex::explore([] { ex::spawn("t", [] { ex::choose(2, "early"); }); });
    REQUIRE(priming_choice.findings.size() == 1);
    CHECK(priming_choice.findings[0].failure.message.find("outside a step") != std::string::npos);

    ex::Report twins = ex::explore([] {
        ex::spawn("t", [] {});
        ex::spawn("t", [] {});
    });
    REQUIRE(twins.findings.size() == 1);
    CHECK(twins.findings[0].failure.message == "two tasks named t");

    CHECK_THROWS_AS(ex::step("s", 0, ex::Access::read), std::logic_error);
}

TEST_CASE("spawning from a task: the child starts after the parent's step") {
    ex::Report report = ex::explore([] {
        ex::spawn("parent", [] {
            ex::step("fork", ex::object("p"), ex::Access::write);
            ex::spawn("child", [] { ex::step("run", ex::object("c"), ex::Access::write); });
            ex::step("after", ex::object("p"), ex::Access::write);
        });
    });
    CHECK(report.executions == 2);
    CHECK(report.finished_tasks == 4);
}

TEST_CASE("max_executions and interrupt stop the search early and say so") {
    ex::Options options;
    options.max_executions = 3;
    ex::Report bounded = ex::explore([] {
        for (const char* n : {"a", "b", "c"}) {
            ex::spawn(n, [] { ex::step("w", ex::object("x"), ex::Access::write); });
        }
    }, options);
    CHECK(bounded.executions == 3);
    CHECK_FALSE(bounded.complete);

    std::atomic<bool> stop{true};
    ex::Options interrupted;
    interrupted.interrupt = &stop;
    ex::Report none = ex::explore([] {}, interrupted);
    CHECK(none.interrupted);
    CHECK(none.executions == 0);
}

TEST_SUITE_END();
