// tests/explorer/replay_test.cpp: exact replay, divergence and nondeterminism detection, determinism.
#include <doctest/doctest.h>

#include <memory>

#include "explorer/explorer.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;

namespace {

// Three tasks, a data choice and results: the third execution in some order fails.
ex::Program program_with_choices() {
    return [] {
        auto total = std::make_shared<int>(0);
        ex::ObjectId x = ex::object("x");
        for (const char* name : {"a", "b", "c"}) {
            ex::spawn(name, [=] {
                ex::step("add", x, ex::Access::read_write);
                int add = static_cast<int>(ex::choose(3, "amount"));
                *total += add;
                ex::set_result(ex::Value::integer(*total));
                ex::step("read", x, ex::Access::read);
            });
        }
        ex::at_end("small-total", [total]() -> std::optional<std::string> {
            if (*total > 4) {
                return "total " + std::to_string(*total);
            }
            return std::nullopt;
        });
    };
}

}  // namespace

TEST_CASE("a recorded schedule replays to the identical event sequence and failure") {
    ex::Report report = ex::explore(program_with_choices());
    REQUIRE(report.findings.size() == 1);
    const ex::Trace& recorded = report.findings[0].trace;
    REQUIRE(recorded.failure.has_value());

    ex::ReplayResult replayed = ex::replay(program_with_choices(), recorded);
    CHECK_FALSE(replayed.divergence.has_value());
    CHECK(replayed.trace.steps == recorded.steps);
    REQUIRE(replayed.trace.failure.has_value());
    CHECK(replayed.trace.failure->message == recorded.failure->message);
    CHECK(replayed.trace.failure->step == recorded.failure->step);
}

TEST_CASE("replay of every execution of a program reproduces it") {
    ex::Options options;
    options.keep_going = true;
    // Collect every execution's trace by failing each one with a distinct invariant.
    auto counter = std::make_shared<int>(0);
    ex::Report report = ex::explore([counter] {
        int id = (*counter)++;
        ex::at_end("execution-" + std::to_string(id), [] { return std::optional<std::string>("x"); });
        program_with_choices()();
    }, options);
    CHECK(report.findings.size() == report.executions);
    for (const ex::Finding& finding : report.findings) {
        ex::ReplayResult replayed = ex::replay(program_with_choices(), finding.trace);
        CHECK_FALSE(replayed.divergence.has_value());
        CHECK(replayed.trace.steps == finding.trace.steps);
    }
}

TEST_CASE("a replay that departs from its record is reported with the step") {
    ex::Report report = ex::explore(program_with_choices());
    REQUIRE(report.findings.size() == 1);
    ex::Trace altered = report.findings[0].trace;

    SUBCASE("a different observed result") {
        altered.steps[0].result = "99";
        ex::ReplayResult replayed = ex::replay(program_with_choices(), altered);
        REQUIRE(replayed.divergence.has_value());
        CHECK(replayed.divergence_step == 0);
        CHECK(replayed.divergence->find("recorded a add(x) read-write choice") != std::string::npos);
    }
    SUBCASE("a task that does not exist") {
        altered.steps[1].task = "zz";
        ex::ReplayResult replayed = ex::replay(program_with_choices(), altered);
        REQUIRE(replayed.divergence.has_value());
        CHECK(replayed.divergence_step == 1);
    }
    SUBCASE("a changed program") {
        ex::ReplayResult replayed = ex::replay([] {
            ex::spawn("a", [] { ex::step("other", ex::object("y"), ex::Access::write); });
        }, altered);
        REQUIRE(replayed.divergence.has_value());
        CHECK(replayed.divergence_step == 0);
    }
}

TEST_CASE("a deliberately nondeterministic task is reported as nondeterminism") {
    auto runs = std::make_shared<int>(0);
    ex::Options options;
    options.keep_going = true;  // nondeterminism stops the search even so
    ex::Report report = ex::explore([runs] {
        int run = (*runs)++;
        // the object a's second step touches depends on a counter outside the program
        ex::spawn("a", [run] {
            ex::step("w", ex::object("x"), ex::Access::write);
            ex::step("w", ex::object(run % 2 == 0 ? "x" : "y"), ex::Access::write);
        });
        ex::spawn("b", [] { ex::step("w", ex::object("x"), ex::Access::write); });
    }, options);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].failure.kind == ex::FailureKind::nondeterminism);
    CHECK_FALSE(report.complete);

    // replaying a trace of it is caught too
    *runs = 0;
    ex::Report once = ex::explore([runs] {
        (*runs)++;
        ex::spawn("a", [] { ex::step("w", ex::object("x"), ex::Access::write); });
        ex::at_end("always", [] { return std::optional<std::string>("stop"); });
    });
    REQUIRE(once.findings.size() == 1);
    ex::ReplayResult replayed = ex::replay([] {
        ex::spawn("a", [] { ex::step("w", ex::object("z"), ex::Access::write); });
    }, once.findings[0].trace);
    CHECK(replayed.divergence.has_value());
}

TEST_CASE("the same program and options give the same executions, traces and report") {
    ex::Options options;
    options.keep_going = true;
    ex::Report first = ex::explore(program_with_choices(), options);
    ex::Report second = ex::explore(program_with_choices(), options);
    CHECK(first.executions == second.executions);
    CHECK(first.steps == second.steps);
    CHECK(first.failed_executions == second.failed_executions);
    REQUIRE(first.findings.size() == second.findings.size());
    for (std::size_t i = 0; i < first.findings.size(); ++i) {
        CHECK(first.findings[i].execution == second.findings[i].execution);
        CHECK(first.findings[i].trace.steps == second.findings[i].trace.steps);
        CHECK(first.findings[i].failure.message == second.findings[i].failure.message);
    }
}

TEST_SUITE_END();
