// tests/explorer/counts_test.cpp: exhaustive dfs explores exactly the closed-form numbers of executions.
#include <doctest/doctest.h>

#include <memory>

#include "explorer/explorer.hpp"
#include "tests/explorer/programs.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;
using test_programs::multinomial;
using test_programs::writers;

TEST_CASE("N tasks doing K writes each: (NK)!/(K!)^N executions") {
    for (auto [n, k] : {std::pair{1, 1}, {2, 1}, {2, 2}, {2, 3}, {3, 1}, {3, 2}, {3, 3}, {4, 2}}) {
        CAPTURE(n);
        CAPTURE(k);
        std::uint64_t expected = multinomial(n, k);
        ex::Report report = ex::explore(writers(n, k));
        CHECK(report.passed());
        CHECK(report.complete);
        CHECK(report.executions == expected);
        CHECK(report.steps == expected * static_cast<std::uint64_t>(n * k));
        CHECK(report.finished_tasks == expected * static_cast<std::uint64_t>(n));
    }
}

TEST_CASE("data choices multiply the count: c^(NK) per interleaving") {
    for (auto [n, k, c] : {std::tuple{1, 1, 2}, {2, 1, 3}, {2, 2, 2}, {3, 1, 2}}) {
        std::uint64_t interleavings = multinomial(n, k);
        std::uint64_t per = 1;
        for (int i = 0; i < n * k; ++i) {
            per *= static_cast<std::uint64_t>(c);
        }
        ex::Report report = ex::explore(writers(n, k, static_cast<std::size_t>(c)));
        CHECK(report.complete);
        CHECK(report.executions == interleavings * per);
    }
}

TEST_CASE("a data choice alone: one execution per value") {
    ex::Report report = ex::explore([] {
        ex::spawn("chooser", [] {
            ex::step("decide", ex::object("d"), ex::Access::write);
            std::size_t a = ex::choose(3, "a");
            std::size_t b = ex::choose(a + 1, "b");  // dependent ranges: 1 + 2 + 3 values
            (void)b;
        });
    });
    CHECK(report.executions == 6);
}

namespace {

// A sleeping lock: acquire is a step; a task that finds it held blocks until release.
struct SleepLock {
    ex::ObjectId id;
    ex::TaskId owner = ex::no_task;
    std::vector<ex::TaskId> waiters;

    void lock() {
        while (true) {
            ex::step("lock", id, ex::Access::read_write);
            if (owner == ex::no_task) {
                owner = ex::self();
                return;
            }
            waiters.push_back(ex::self());
            ex::block("lock", id);
        }
    }
    void unlock() {
        ex::step("unlock", id, ex::Access::write);
        owner = ex::no_task;
        for (ex::TaskId t : waiters) {
            ex::wake(t);
        }
        waiters.clear();
    }
};

}  // namespace

TEST_CASE("two tasks with a lock: 2(W+2) executions, mutual exclusion holds") {
    for (int w = 1; w <= 4; ++w) {
        CAPTURE(w);
        ex::Report report = ex::explore([w] {
            auto lock = std::make_shared<SleepLock>();
            lock->id = ex::object("m");
            auto inside = std::make_shared<int>(0);
            ex::ObjectId x = ex::object("x");
            for (const char* name : {"a", "b"}) {
                ex::spawn(name, [=] {
                    lock->lock();
                    ++*inside;
                    for (int i = 0; i < w; ++i) {
                        ex::step("write", x, ex::Access::write);
                    }
                    --*inside;
                    lock->unlock();
                });
            }
            ex::invariant("mutual-exclusion", [inside]() -> std::optional<std::string> {
                if (*inside > 1) {
                    return "two tasks in the critical section";
                }
                return std::nullopt;
            });
        });
        CHECK(report.passed());
        CHECK(report.executions == static_cast<std::uint64_t>(2 * (w + 2)));
    }
}

TEST_SUITE_END();
