// tests/explorer/blocking_test.cpp: blocking, wake-ups, deadlocks and daemons.
#include <doctest/doctest.h>

#include <memory>

#include "explorer/explorer.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;

namespace {

// A waiter sleeps until a flag is set; the setter sets it and wakes the waiter. With
// `split`, the waiter tests the flag in one step and goes to sleep in another (the classic
// lost wake-up); without it, test-and-sleep is one atomic step.
ex::Program flag_handoff(bool split) {
    return [split] {
        auto flag = std::make_shared<bool>(false);
        ex::ObjectId f = ex::object("flag");
        ex::TaskId waiter = ex::spawn("waiter", [=] {
            ex::step("test", f, ex::Access::read);
            if (!*flag) {
                if (split) {
                    ex::step("sleep", f, ex::Access::none);
                }
                ex::block("flag", f);
            }
        });
        ex::spawn("setter", [=] {
            ex::step("set", f, ex::Access::write);
            *flag = true;
            ex::wake(waiter);
        });
    };
}

}  // namespace

TEST_CASE("a blocked task is woken, and no wake-up is lost when test-and-sleep is atomic") {
    ex::Report report = ex::explore(flag_handoff(false));
    CHECK(report.passed());
    CHECK(report.complete);
    // setter first (waiter sees the flag) or waiter first (sleeps, then is woken)
    CHECK(report.executions == 2);
    CHECK(report.blocked_tasks == 0);
    CHECK(report.finished_tasks == 4);
}

TEST_CASE("a lost wake-up is found as a deadlock naming the blocked task") {
    ex::Report report = ex::explore(flag_handoff(true));
    REQUIRE(report.findings.size() == 1);
    const ex::Failure& failure = report.findings[0].failure;
    CHECK(failure.kind == ex::FailureKind::deadlock);
    REQUIRE(failure.blocked.size() == 1);
    CHECK(failure.blocked[0].task == "waiter");
    CHECK(failure.blocked[0].waits_for == "flag");
    CHECK(failure.blocked[0].object == "flag");
    CHECK(failure.message.find("waiter in flag on flag") != std::string::npos);
    // waiter tests, setter sets and wakes (no effect: waiter is not asleep yet), waiter sleeps
    const auto& steps = report.findings[0].trace.steps;
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].task == "waiter");
    CHECK(steps[1].task == "setter");
    CHECK(steps[2].op == "sleep");
}

TEST_CASE("a seeded deadlock (two locks taken in opposite orders) names both blocked tasks") {
    ex::Report report = ex::explore([] {
        struct Locks {
            ex::TaskId owner[2] = {ex::no_task, ex::no_task};
            std::vector<ex::TaskId> waiters[2];
        };
        auto locks = std::make_shared<Locks>();
        ex::ObjectId ids[2] = {ex::object("m0"), ex::object("m1")};
        auto acquire = [locks, ids](int m) {
            while (true) {
                ex::step("lock", ids[m], ex::Access::read_write);
                if (locks->owner[m] == ex::no_task) {
                    locks->owner[m] = ex::self();
                    return;
                }
                locks->waiters[m].push_back(ex::self());
                ex::block("lock", ids[m]);
            }
        };
        auto release = [locks, ids](int m) {
            ex::step("unlock", ids[m], ex::Access::write);
            locks->owner[m] = ex::no_task;
            for (ex::TaskId t : locks->waiters[m]) {
                ex::wake(t);
            }
            locks->waiters[m].clear();
        };
        ex::spawn("ab", [=] { acquire(0); acquire(1); release(1); release(0); });
        ex::spawn("ba", [=] { acquire(1); acquire(0); release(0); release(1); });
    });
    REQUIRE(report.findings.size() == 1);
    const ex::Failure& failure = report.findings[0].failure;
    CHECK(failure.kind == ex::FailureKind::deadlock);
    REQUIRE(failure.blocked.size() == 2);
    CHECK(failure.blocked[0].task == "ab");
    CHECK(failure.blocked[0].object == "m1");
    CHECK(failure.blocked[1].task == "ba");
    CHECK(failure.blocked[1].object == "m0");
    CHECK_FALSE(report.complete);  // stops at the first failure by default
}

TEST_CASE("a daemon asleep at the end is not a deadlock, a worker asleep is") {
    for (ex::TaskKind kind : {ex::TaskKind::daemon, ex::TaskKind::worker}) {
        ex::Report report = ex::explore([kind] {
            ex::spawn("server", [] {
                while (true) {
                    ex::step("poll", ex::object("queue"), ex::Access::read);
                    ex::block("work", ex::object("queue"));
                }
            }, kind);
            ex::spawn("client", [] { ex::step("hello", ex::object("queue"), ex::Access::write); });
        });
        if (kind == ex::TaskKind::daemon) {
            CHECK(report.passed());
            CHECK(report.executions == 2);
            CHECK(report.blocked_tasks == 2);  // the daemon, once per execution
        } else {
            REQUIRE_FALSE(report.passed());
            CHECK(report.findings[0].failure.kind == ex::FailureKind::deadlock);
            CHECK(report.findings[0].failure.blocked[0].task == "server");
        }
    }
}

TEST_CASE("wake() of a task not yet asleep is a no-op: that wake-up is lost") {
    ex::Report report = ex::explore([] {
        auto woke = std::make_shared<int>(0);
        ex::ObjectId o = ex::object("o");
        ex::TaskId sleeper = ex::spawn("sleeper", [=] {
            ex::step("sleep", o, ex::Access::read);
            ex::block("o", o);
            ex::step("after", o, ex::Access::read);
        });
        ex::spawn("waker", [=] {
            ex::step("wake", o, ex::Access::write);
            *woke += ex::wake(sleeper) ? 1 : 0;
            ex::check(ex::state_of(sleeper) != ex::TaskState::blocked, "woken task still blocked");
        });
        ex::at_end("woken-once", [woke, sleeper]() -> std::optional<std::string> {
            if (ex::state_of(sleeper) == ex::TaskState::blocked && *woke != 0) {
                return "the sleeper was woken but sleeps";
            }
            return std::nullopt;
        });
    });
    // waker first: the wake-up is lost (sleeper not yet asleep) -> deadlock, found first
    REQUIRE_FALSE(report.passed());
    CHECK(report.findings[0].failure.kind == ex::FailureKind::deadlock);
}

TEST_SUITE_END();
