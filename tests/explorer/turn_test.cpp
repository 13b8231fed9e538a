// tests/explorer/turn_test.cpp: turns (explorer/turn.hpp) among interchangeable tasks keep every
// verdict and every outcome up to renaming, in 1/N! of the executions where N tasks race; used on
// tasks that are not interchangeable they lose one (the precondition is the model's).
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "explorer/cell.hpp"
#include "explorer/explorer.hpp"
#include "explorer/lock.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/stateful.hpp"
#include "explorer/turn.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;

namespace {

struct Racers {
    int n = 3;
    bool turns = false;
    bool may_bail = false;   // each worker may give up before pushing (a data choice)
    bool locked = false;     // the push is a locked section
    bool symmetric = true;   // false: w0 checks something of its own (not interchangeable)
};

// Cells, so that the stateful search sees all of it.
struct Board {
    ex::Cell<int> list;
    ex::Cell<int> flag;
    ex::Cell<int> position[4];  // per worker: where it pushed, and the flag it read
    ex::Cell<int> seen[4];
};

// n workers push onto a list and read a flag an observer sets to the list's length. The last
// pusher seeing every push counted is a failure; the outcome names no worker (the sorted
// pairs), so it is the same for renamed executions.
ex::Program racers(Racers r) {
    return [r] {
        auto board = std::make_shared<Board>();
        const ex::ObjectId list = ex::object("list");
        const ex::ObjectId flag = ex::object("flag");
        board->list.create(list, "length", 0);
        board->flag.create(flag, "value", -1);
        const ex::ObjectId lock = ex::object("L");
        const ex::ObjectId turnstile = ex::object("workers");
        for (int i = 0; i < r.n; ++i) {
            const ex::ObjectId mine = ex::object("w" + std::to_string(i) + ".result");
            board->position[i].create(mine, "position", -1);
            board->seen[i].create(mine, "seen", -1);
            ex::spawn("w" + std::to_string(i), [=] {
                if (r.may_bail) {
                    ex::step("give up?", ex::object("w" + std::to_string(i) + ".mind"), ex::Access::write);
                    if (ex::choose(2, "give up") == 1) {
                        return;
                    }
                }
                if (r.turns) {
                    ex::take_turn(turnstile, static_cast<std::uint32_t>(i));
                }
                if (r.locked) {
                    ex::lock(lock);
                }
                ex::step("push", list, ex::Access::read_write);
                const int position = board->list.get();
                board->list.set(position + 1);
                if (r.locked) {
                    ex::unlock(lock);
                }
                ex::step(ex::Op{"read flag", flag, ex::Access::read, mine, ex::Access::write});
                const int seen = board->flag.get();
                board->position[i].set(position);
                board->seen[i].set(seen);
                ex::check(!(position == r.n - 1 && seen == r.n), "the last pusher saw every push counted");
                if (!r.symmetric && i == 0) {
                    ex::check(position != r.n - 1, "w0 pushed last");
                }
            });
        }
        ex::spawn("observer", [=] {
            ex::step(ex::Op{"flag = list", list, ex::Access::read, flag, ex::Access::write});
            board->flag.set(board->list.get());
        });
        ex::outcome([board, r] {
            std::vector<std::pair<int, int>> pairs;
            for (int i = 0; i < r.n; ++i) {
                pairs.emplace_back(board->position[i].peek(), board->seen[i].peek());
            }
            std::sort(pairs.begin(), pairs.end());
            std::string out = "flag " + std::to_string(board->flag.peek()) + ":";
            for (auto [position, seen] : pairs) {
                out += " (" + std::to_string(position) + "," + std::to_string(seen) + ")";
            }
            return out;
        });
    };
}

struct Result {
    ex::Report report;
    std::set<std::string> failures;
    std::set<std::string> outcomes;
};

Result run(Racers r, ex::Strategy& strategy) {
    ex::Options options;
    options.keep_going = true;
    options.collect_outcomes = true;
    Result result{ex::explore(racers(r), strategy, options), {}, {}};
    CHECK(result.report.complete);
    for (const ex::Finding& finding : result.report.findings) {
        result.failures.insert(finding.failure.invariant + ": " + finding.failure.message);
    }
    for (const auto& [outcome, trace] : result.report.outcomes) {
        result.outcomes.insert(outcome);
    }
    return result;
}

}  // namespace

TEST_CASE("turns among n interchangeable racers: every failure and outcome in 1/n! of the dpor executions") {
    for (int n : {2, 3, 4}) {
        for (bool locked : {false, true}) {
            CAPTURE(n);
            CAPTURE(locked);
            ex::DporStrategy all_orders;
            ex::DporStrategy in_turn;
            Result without = run({n, false, false, locked}, all_orders);
            Result with = run({n, true, false, locked}, in_turn);
            CHECK_FALSE(without.failures.empty());
            CHECK(with.failures == without.failures);
            CHECK(with.outcomes == without.outcomes);
            // Every worker pushes, so the traces fall into n! classes by push order, one per
            // renaming: exactly one class is explored.
            std::uint64_t orders = 1;
            for (int k = 2; k <= n; ++k) {
                orders *= static_cast<std::uint64_t>(k);
            }
            CHECK(without.report.executions == orders * with.report.executions);
            CHECK(with.report.pruned == 0);
            CHECK(in_turn.fallbacks() == 0);
        }
    }
}

TEST_CASE("turns with workers that may give up: a turn that never comes prunes, the outcomes stay") {
    for (bool locked : {false, true}) {
        CAPTURE(locked);
        ex::DporStrategy all_orders;
        ex::DporStrategy in_turn;
        ex::StatefulStrategy stateful;
        Result without = run({3, false, true, locked}, all_orders);
        Result with = run({3, true, true, locked}, in_turn);
        Result reference = run({3, true, true, locked}, stateful);
        CHECK(with.failures == without.failures);
        CHECK(with.outcomes == without.outcomes);
        CHECK(reference.outcomes == without.outcomes);
        CHECK(reference.failures == without.failures);
        CHECK(with.report.executions < without.report.executions);
        CHECK(with.report.pruned > 0);  // w1 waiting for w0, which gave up: no deadlock reported
        for (const ex::Finding& finding : with.report.findings) {
            CHECK(finding.failure.invariant != "deadlock");
        }
        CHECK(in_turn.fallbacks() == 0);
    }
}

TEST_CASE("turns on tasks that are not interchangeable lose a failure (the precondition is the model's)") {
    ex::DporStrategy all_orders;
    ex::DporStrategy in_turn;
    Result without = run({3, false, false, false, /*symmetric=*/false}, all_orders);
    Result with = run({3, true, false, false, /*symmetric=*/false}, in_turn);
    CHECK(without.failures.count("assertion: w0 pushed last") == 1);
    CHECK(with.failures.count("assertion: w0 pushed last") == 0);
}

TEST_CASE("dfs with turns explores the same outcomes as dpor with turns") {
    ex::DfsStrategy dfs;
    ex::DporStrategy dpor;
    Result a = run({3, true, true, true}, dfs);
    Result b = run({3, true, true, true}, dpor);
    CHECK(a.outcomes == b.outcomes);
    CHECK(a.failures == b.failures);
}

TEST_CASE("a task that sleeps between taking a turn and its step is a model fault") {
    ex::Report report = ex::explore([] {
        ex::spawn("t", [] {
            ex::take_turn(ex::object("turns"), 0);
            ex::block("nothing");
        });
    });
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].failure.invariant == "model-fault");
}
