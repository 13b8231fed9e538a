// tests/explorer/dpor_test.cpp: dpor explores exactly one execution per Mazurkiewicz trace.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <set>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "tests/explorer/programs.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;
using test_programs::factorial;
using test_programs::multinomial;
using test_programs::lastzero;
using test_programs::writers;

namespace {


ex::Report dpor(const ex::Program& program, ex::Options options = {}) {
    ex::DporStrategy strategy;
    ex::Report report = ex::explore(program, strategy, options);
    CHECK(strategy.fallbacks() == 0);
    return report;
}


}  // namespace

TEST_CASE("dpor: N tasks writing one object K times: (NK)!/(K!)^N") {
    for (auto [n, k] : {std::pair{2, 1}, {2, 2}, {3, 2}, {2, 3}, {4, 1}, {3, 3}}) {
        CAPTURE(n);
        CAPTURE(k);
        std::uint64_t expected = multinomial(n, k);
        ex::Report report = dpor(writers(n, k));
        CHECK(report.complete);
        CHECK(report.executions == expected);
    }
}

TEST_CASE("dpor: tasks on disjoint objects: one execution") {
    for (int n : {1, 2, 4, 8}) {
        ex::Report report = dpor([n] {
            for (int t = 0; t < n; ++t) {
                ex::spawn("t" + std::to_string(t), [t] {
                    for (int i = 0; i < 3; ++i) {
                        ex::step("write", ex::object("x" + std::to_string(t)), ex::Access::write);
                    }
                });
            }
        });
        CHECK(report.executions == 1);
        CHECK(report.pruned == 0);
    }
}

TEST_CASE("dpor: one writer and N readers of x: 2^N") {
    for (int n = 1; n <= 6; ++n) {
        ex::Report report = dpor([n] {
            ex::ObjectId x = ex::object("x");
            ex::spawn("writer", [x] { ex::step("write", x, ex::Access::write); });
            for (int r = 0; r < n; ++r) {
                ex::spawn("reader" + std::to_string(r), [x] { ex::step("read", x, ex::Access::read); });
            }
        });
        CHECK(report.executions == (std::uint64_t{1} << n));
    }
}

TEST_CASE("dpor: lastzero(N): 5, 64 and 3328 executions for N = 2, 5, 10") {
    CHECK(dpor(lastzero(2)).executions == 5);
    CHECK(dpor(lastzero(5)).executions == 64);
    CHECK(dpor(lastzero(10)).executions == 3328);
}

TEST_CASE("dpor-optimal: the published counts with no sleep-set-blocked execution, where source sets block") {
    auto optimal = [](const ex::Program& program) {
        ex::DporStrategy strategy(ex::DporStrategy::Sets::wakeup_trees);
        ex::Report report = ex::explore(program, strategy, {});
        CHECK(report.complete);
        CHECK(strategy.fallbacks() == 0);
        return report;
    };
    // lastzero(N) (Abdulla et al.): 5, 64, 3328 traces; source sets also run 33 and 16 867
    // executions that end blocked for N = 5 and 10 (the buggy variant: no wakeup sequence).
    for (auto [n, traces] : {std::pair{2, 5}, {5, 64}, {10, 3328}}) {
        CAPTURE(n);
        ex::Report report = optimal(lastzero(n));
        CHECK(report.executions == static_cast<std::uint64_t>(traces));
        CHECK(report.pruned == 0);
    }
    CHECK(dpor(lastzero(5)).pruned == 33);
    CHECK(dpor(lastzero(10)).pruned == 16867);
    for (auto [n, k] : {std::pair{2, 2}, {3, 2}, {2, 3}, {3, 3}}) {
        ex::Report report = optimal(writers(n, k));
        CHECK(report.executions == multinomial(n, k));
        CHECK(report.pruned == 0);
    }
    for (int n = 1; n <= 6; ++n) {
        ex::Report report = optimal(writers(n, 1, 1, ex::Access::read_write));
        CHECK(report.executions == factorial(static_cast<std::uint64_t>(n)));
        CHECK(report.pruned == 0);
    }
}

TEST_CASE("dpor-optimal: one writer and N readers of x: 2^N, a reversal a sleeping reader commutes with kept") {
    // The case that caught a walk judging commutation otherwise than the sleep check: 7 of 8
    // traces for N = 3 when the reversed step's wake-ups counted as unknown in one place only.
    for (int n = 1; n <= 6; ++n) {
        CAPTURE(n);
        ex::DporStrategy strategy(ex::DporStrategy::Sets::wakeup_trees);
        ex::Report report = ex::explore([n] {
            ex::ObjectId x = ex::object("x");
            ex::spawn("writer", [x] { ex::step("write", x, ex::Access::write); });
            for (int r = 0; r < n; ++r) {
                ex::spawn("reader" + std::to_string(r), [x] { ex::step("read", x, ex::Access::read); });
            }
        }, strategy, {});
        CHECK(report.executions == (std::uint64_t{1} << n));
        CHECK(report.pruned == 0);
        CHECK(strategy.fallbacks() == 0);
    }
}

TEST_CASE("dpor-optimal: a reversal through a spawn finds the child by name, and data choices are replayed") {
    // Task ids follow the order of spawns: a sequence that spawns a child before another task
    // does finds it under another id. And a guided step with a data choice replays its value.
    ex::DfsStrategy dfs;
    auto program = [] {
        ex::ObjectId a = ex::object("a");
        ex::ObjectId b = ex::object("b");
        for (const char* name : {"p", "q"}) {
            ex::spawn(name, [a, b, name] {
                ex::step("read a", a, ex::Access::read);
                ex::step("write b", b, ex::Access::write);
                std::size_t v = ex::choose(2, "v");
                ex::spawn(std::string("child of ") + name, [a, v] {
                    ex::step(v == 0 ? "write a" : "read a", a, v == 0 ? ex::Access::write : ex::Access::read);
                });
            });
        }
    };
    ex::Options options;
    options.collect_outcomes = false;
    ex::Report all = ex::explore(program, dfs, options);
    ex::DporStrategy source;
    ex::Report by_source = ex::explore(program, source, options);
    ex::DporStrategy optimal(ex::DporStrategy::Sets::wakeup_trees);
    ex::Report by_optimal = ex::explore(program, optimal, options);
    CHECK(all.complete);
    CHECK(by_optimal.complete);
    CHECK(optimal.fallbacks() == 0);
    CHECK(by_optimal.executions == by_source.executions);
    CHECK(by_optimal.executions <= all.executions);
}

TEST_CASE("dpor: ainc(N), one atomic fetch_add each: N!") {
    for (int n = 1; n <= 6; ++n) {
        CHECK(dpor(writers(n, 1, 1, ex::Access::read_write)).executions == factorial(static_cast<std::uint64_t>(n)));
    }
}

TEST_CASE("dpor: data choices are explored in full") {
    ex::Report report = dpor([] {
        for (const char* name : {"a", "b"}) {
            ex::spawn(name, [name] {
                ex::step("write", ex::object(name), ex::Access::write);
                ex::choose(3, "value");
            });
        }
    });
    CHECK(report.executions == 9);  // independent tasks: one interleaving, 3 x 3 values
}

namespace {

// A strategy that records the canonical form of every complete execution dpor explores:
// steps identified by (task, index within task), ordered by the lexicographically least
// linearisation of their happens-before order. Equal forms = the same Mazurkiewicz trace.
class RecordingDpor final : public ex::Strategy {
public:
    const char* name() const override { return "recording-dpor"; }
    bool begin_execution() override { return inner_.begin_execution(); }
    std::size_t pick_task(const ex::Execution& e, std::span<const ex::TaskId> ready) override {
        return inner_.pick_task(e, ready);
    }
    std::size_t pick_value(const ex::Execution& e, std::size_t count, const char* label) override {
        return inner_.pick_value(e, count, label);
    }
    bool consult_every_step() const override { return true; }
    void end_execution(const ex::Execution& e) override {
        if (!e.pruned()) {
            forms.push_back(canonical(e));
        }
        inner_.end_execution(e);
    }
    std::vector<std::string> forms;

private:
    static std::string canonical(const ex::Execution& e) {
        const auto& events = e.events();
        std::size_t n = events.size();
        std::vector<std::vector<bool>> before(n, std::vector<bool>(n, false));
        for (std::size_t j = 0; j < n; ++j) {
            for (std::size_t i = 0; i < j; ++i) {
                if (events[i].task == events[j].task || ex::dependent(events[i].op, events[j].op) ||
                    ((events[i].woke >> events[j].task) & 1u) != 0) {
                    before[i][j] = true;
                }
            }
        }
        std::vector<bool> done(n, false);
        std::string form;
        for (std::size_t placed = 0; placed < n; ++placed) {
            std::size_t best = n;
            for (std::size_t j = 0; j < n; ++j) {
                if (done[j]) {
                    continue;
                }
                bool minimal = true;
                for (std::size_t i = 0; i < n && minimal; ++i) {
                    minimal = done[i] || !before[i][j];
                }
                if (minimal && (best == n || events[j].task < events[best].task)) {
                    best = j;
                }
            }
            done[best] = true;
            form += std::to_string(events[best].task) + ":" + events[best].op.kind + ";";
        }
        return form;
    }
    ex::DporStrategy inner_;
};

}  // namespace

TEST_CASE("dpor never explores two executions of the same trace") {
    for (const ex::Program& program : {lastzero(4), writers(3, 2), writers(4, 1, 1, ex::Access::read)}) {
        RecordingDpor strategy;
        ex::explore(program, strategy);
        std::set<std::string> unique(strategy.forms.begin(), strategy.forms.end());
        CHECK(unique.size() == strategy.forms.size());
        CHECK(!strategy.forms.empty());
    }
}

TEST_CASE("dpor finds what dfs finds: lost update, deadlock, lost wake-up") {
    // lost update
    auto racy = [] {
        auto counter = std::make_shared<int>(0);
        ex::ObjectId c = ex::object("counter");
        for (const char* name : {"a", "b"}) {
            ex::spawn(name, [=] {
                ex::step("load", c, ex::Access::read);
                int seen = *counter;
                ex::step("store", c, ex::Access::write);
                *counter = seen + 1;
            });
        }
        ex::at_end("no-lost-update", [counter]() -> std::optional<std::string> {
            if (*counter != 2) {
                return "lost";
            }
            return std::nullopt;
        });
    };
    ex::Report report = dpor(racy);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].failure.invariant == "no-lost-update");

    // lost wake-up with a split test-and-sleep: found as a deadlock
    ex::Report lost = dpor([] {
        auto flag = std::make_shared<bool>(false);
        ex::ObjectId f = ex::object("flag");
        ex::TaskId waiter = ex::spawn("waiter", [=] {
            ex::step("test", f, ex::Access::read);
            if (!*flag) {
                ex::step("sleep", f, ex::Access::read);
                ex::block("flag", f);
            }
        });
        ex::spawn("setter", [=] {
            ex::step("set", f, ex::Access::write);
            *flag = true;
            ex::wake(waiter);
        });
    });
    REQUIRE(lost.findings.size() == 1);
    CHECK(lost.findings[0].failure.kind == ex::FailureKind::deadlock);
}

TEST_SUITE_END();
