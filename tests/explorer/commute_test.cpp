// tests/explorer/commute_test.cpp: Access::wake, Access::sleep and Access::sleep_check, the
// conditional independence the engine takes from the model: a wake-up of a task and that
// task's own step going to sleep are independent; the step that found it already woken is
// ordered after the wake-up but never reversed with it; everything else is a read-write. Sound where the model's semantics
// make it so (the sleeper/waker below, as model/kernel/sched.cpp does it: dpor reaches what dfs
// reaches, in fewer executions); a step declared `sleep` that does not commute drops a
// behaviour, and comparing against dfs shows it (why the gate compares granularities).
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>

#include "explorer/cell.hpp"
#include "explorer/explorer.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;

namespace {

ex::Op on(ex::Access access) { return ex::Op{"op", 7, access}; }

// A task's state word and its sleep flag, on one object, as task_struct has them.
struct Task {
    ex::ObjectId obj = ex::no_object;
    ex::TaskId tid = ex::no_task;
    ex::Cell<int> state;  // 0 running, 1 about to sleep
    ex::Cell<bool> asleep;
};

// set_current_state(1); schedule(): sleeps unless already woken; then it runs and sets its
// state again.
// `wake_access`/`sleep_access`: what the waker's and the sleeper's steps declare.
ex::Program sleeper_and_wakers(int wakers, ex::Access wake_access, ex::Access sleep_access, bool sleep_writes_state,
                               ex::Access check_access = ex::Access::read, bool wakers_first = false) {
    return [=] {
        auto t = std::make_shared<Task>();
        t->obj = ex::object("t");
        t->state.create(t->obj, "state", 0);
        t->asleep.create(t->obj, "asleep", false);
        auto woke = std::make_shared<std::string>();
        auto ran = std::make_shared<bool>(false);
        auto spawn_wakers = [&] {
            for (int i = 0; i < wakers; ++i) {
                ex::spawn("waker" + std::to_string(i), [t, woke, wake_access, i] {
                    ex::step("wake_up_process", t->obj, wake_access);
                    int seen = t->state.get();
                    *woke += std::to_string(i) + ":" + std::to_string(seen) + " ";
                    if (seen == 0) {
                        ex::refine(ex::Access::read);
                        return;
                    }
                    t->state.set(0);
                    if (t->asleep.get()) {
                        t->asleep.set(false);
                        ex::wake(t->tid);
                    }
                });
            }
        };
        auto spawn_sleeper = [&] {
            // A daemon: left asleep by a wake-up that came too early is an outcome, not a deadlock.
            t->tid = ex::spawn("sleeper", [t, ran, sleep_access, sleep_writes_state, check_access] {
                ex::step("set_current_state", t->obj, ex::Access::write);
                t->state.set(1);
                ex::step("schedule", t->obj, ex::Access::read_write);
                // Once past schedule(), it writes its state again (as kthread() does parking): a
                // step that races with a wake-up it did not see.
                auto go_on = [t, ran] {
                    *ran = true;
                    ex::step("set_current_state", t->obj, ex::Access::write);
                    t->state.set(1);
                };
                if (t->state.get() == 0) {
                    ex::refine(check_access);
                    go_on();
                    return;
                }
                ex::refine(sleep_access);
                if (sleep_writes_state) {
                    t->state.set(2);  // a sleep that is not what the declaration says
                }
                t->asleep.set(true);
                ex::block("schedule", t->obj);
                go_on();
            }, ex::TaskKind::daemon);
        };
        // Which runs first decides what the first execution does (the reversals do the rest).
        if (wakers_first) {
            spawn_wakers();
            spawn_sleeper();
        } else {
            spawn_sleeper();
            spawn_wakers();
        }
        ex::outcome([woke, ran] { return *woke + (*ran ? "ran" : "asleep"); });
    };
}

struct Run {
    std::set<std::string> outcomes;
    std::uint64_t executions = 0;
};

Run explore_all(const ex::Program& program, ex::Strategy& strategy) {
    ex::Options options;
    options.collect_outcomes = true;
    options.keep_going = true;
    ex::Report report = ex::explore(program, strategy, options);
    REQUIRE(report.complete);
    for (const ex::Finding& finding : report.findings) {
        FAIL_CHECK(finding.failure.message);
    }
    REQUIRE(report.findings.empty());
    Run run;
    run.executions = report.executions;
    for (const auto& entry : report.outcomes) {
        run.outcomes.insert(entry.first);
    }
    return run;
}

}  // namespace

TEST_CASE("wake and sleep commute with each other and with nothing else") {
    CHECK_FALSE(ex::dependent(on(ex::Access::wake), on(ex::Access::sleep)));
    CHECK_FALSE(ex::dependent(on(ex::Access::sleep), on(ex::Access::wake)));
    CHECK(ex::dependent(on(ex::Access::wake), on(ex::Access::wake)));
    CHECK(ex::dependent(on(ex::Access::sleep), on(ex::Access::sleep)));
    for (ex::Access other : {ex::Access::read, ex::Access::write, ex::Access::read_write}) {
        CHECK(ex::dependent(on(ex::Access::wake), on(other)));
        CHECK(ex::dependent(on(ex::Access::sleep), on(other)));
    }
    // A step that saw the wake-up is ordered after it (dependent) but not reversed with it.
    CHECK(ex::dependent(on(ex::Access::wake), on(ex::Access::sleep_check)));
    CHECK(ex::saw_wake(on(ex::Access::wake), on(ex::Access::sleep_check)));
    CHECK_FALSE(ex::saw_wake(on(ex::Access::sleep_check), on(ex::Access::wake)));
    CHECK_FALSE(ex::saw_wake(on(ex::Access::read_write), on(ex::Access::sleep_check)));
    CHECK_FALSE(ex::dependent(on(ex::Access::sleep_check), on(ex::Access::read)));
    CHECK(ex::dependent(on(ex::Access::sleep_check), on(ex::Access::write)));
    CHECK(ex::covers(ex::Access::read_write, ex::Access::sleep));  // schedule() may refine to it
    CHECK_FALSE(ex::covers(ex::Access::sleep_check, ex::Access::write));  // a check that wrote is a model fault
    CHECK(ex::covers(ex::Access::sleep, ex::Access::read_write));  // and it allows what it did
    CHECK(ex::covers(ex::Access::wake, ex::Access::read));         // a wake-up that found it running
}

TEST_CASE("a wake-up and its target's sleep commuting: dpor reaches what dfs reaches, in fewer executions") {
    for (bool wakers_first : {false, true}) {
        for (int wakers : {1, 2}) {
            CAPTURE(wakers_first);
            CAPTURE(wakers);
            auto program = [&](ex::Access wake, ex::Access sleep, ex::Access check) {
                return sleeper_and_wakers(wakers, wake, sleep, false, check, wakers_first);
            };
            const ex::Access rw = ex::Access::read_write;
            ex::DfsStrategy dfs;
            Run all = explore_all(program(rw, rw, ex::Access::read), dfs);
            ex::DporStrategy fine_dpor;
            Run fine = explore_all(program(rw, rw, ex::Access::read), fine_dpor);
            ex::DporStrategy coarse_dpor;
            Run coarse = explore_all(program(ex::Access::wake, ex::Access::sleep, ex::Access::read), coarse_dpor);
            ex::DporStrategy coarsest_dpor;
            Run coarsest = explore_all(program(ex::Access::wake, ex::Access::sleep, ex::Access::sleep_check), coarsest_dpor);
            CHECK(fine.outcomes == all.outcomes);
            CHECK(coarse.outcomes == all.outcomes);
            CHECK(coarsest.outcomes == all.outcomes);
            CHECK(coarse.executions <= fine.executions);
            CHECK(coarsest.executions <= coarse.executions);
            CHECK(coarsest.executions < fine.executions);
            CHECK(coarse_dpor.fallbacks() == 0);
            CHECK(coarsest_dpor.fallbacks() == 0);
            MESSAGE(wakers << " waker(s)" << std::string(wakers_first ? ", spawned first" : "") << ": dfs " << all.executions
                           << ", dpor fine " << fine.executions << ", sleep " << coarse.executions
                           << ", sleep and sleep_check " << coarsest.executions);
        }
    }
}

TEST_CASE("a step declared sleep that does not commute with the wake-up loses a behaviour, and dfs shows it") {
    ex::DfsStrategy dfs;
    Run all = explore_all(sleeper_and_wakers(1, ex::Access::wake, ex::Access::sleep, true), dfs);
    ex::DporStrategy dpor;
    Run pruned = explore_all(sleeper_and_wakers(1, ex::Access::wake, ex::Access::sleep, true), dpor);
    CHECK(pruned.outcomes.size() < all.outcomes.size());
    for (const std::string& outcome : pruned.outcomes) {
        CHECK(all.outcomes.count(outcome) == 1);
    }
}

namespace {

// A task that sets itself about to sleep (state 1) and then running again (state 0) without
// sleeping, as kthreadd does when it finds work (K1, K2, K3), and wakers that wake it when they
// find it about to sleep (and count it) or find it running. `self_wake`: the task's store of
// 0 that changes its state is declared a wake-up of itself, and a waker that found it running
// the sleep_check of the wake-up before it (model/kernel/sched.cpp, coarse granularity).
// `count_seen`: the outcome includes how many wake-ups took effect.
ex::Program self_waker(int wakers, bool self_wake, bool count_seen) {
    return [=] {
        auto state = std::make_shared<ex::Cell<int>>();
        auto woken = std::make_shared<int>(0);
        auto seen = std::make_shared<std::string>();
        auto flags = std::make_shared<ex::Cell<int>>();
        ex::ObjectId obj = ex::object("t");
        ex::ObjectId flag = ex::object("flag");
        state->create(obj, "state", 0);
        flags->create(flag, "flags", 0);
        ex::spawn("task", [=] {
            ex::step("set_current_state(1)", obj, ex::Access::write);
            state->set(1);
            ex::step("__set_current_state(0)", obj, ex::Access::write);
            if (state->get() == 0) {
                ex::refine(ex::Access::read);
            } else {
                if (self_wake) {
                    ex::refine(ex::Access::wake);
                }
                state->set(0);
            }
            // What the wakers did after their wake-ups, as the task's later steps see it.
            ex::step("read flags", flag, ex::Access::read);
            *seen = std::to_string(flags->get());
        });
        for (int i = 0; i < wakers; ++i) {
            ex::spawn("waker" + std::to_string(i), [=] {
                ex::step("wake_up_process", obj, self_wake ? ex::Access::wake : ex::Access::read_write);
                if (state->get() != 1) {
                    ex::refine(self_wake && state->get() == 0 ? ex::Access::sleep_check : ex::Access::read);
                } else {
                    state->set(0);
                    ++*woken;
                }
                ex::step("flags += 1", flag, ex::Access::read_write);
                flags->set(flags->get() + 1);
            });
        }
        ex::outcome([=] {
            return "state " + std::to_string(state->peek()) + " saw " + *seen +
                   (count_seen ? " woken " + std::to_string(*woken) : "");
        });
    };
}

}  // namespace

TEST_CASE("a task's own store of TASK_RUNNING as a wake-up of itself: sound when no one counts its wake-ups") {
    for (int wakers : {1, 2}) {
        CAPTURE(wakers);
        ex::DfsStrategy dfs;
        Run all = explore_all(self_waker(wakers, false, false), dfs);
        ex::DporStrategy plain;
        Run fine = explore_all(self_waker(wakers, false, false), plain);
        ex::DporStrategy reduced;
        Run coarse = explore_all(self_waker(wakers, true, false), reduced);
        CHECK(fine.outcomes == all.outcomes);
        CHECK(coarse.outcomes == all.outcomes);
        CHECK(coarse.executions < fine.executions);
        CHECK(all.outcomes.size() == static_cast<std::size_t>(wakers + 1));  // the task saw 0..wakers
        CHECK(reduced.fallbacks() == 0);
        MESSAGE(wakers << " waker(s): dfs " << all.executions << ", dpor " << fine.executions << ", self-wake "
                       << coarse.executions);
    }
    // Counted, the wake-up that found the task running is not the same as the one that woke
    // it: the reduction loses the order where the wake-up came first (why kthreadd alone is
    // declared so: model/kernel/task_struct.hpp, wakeups_watched).
    ex::DfsStrategy dfs;
    Run all = explore_all(self_waker(1, false, true), dfs);
    ex::DporStrategy reduced;
    Run coarse = explore_all(self_waker(1, true, true), reduced);
    CHECK(all.outcomes.count("state 0 saw 1 woken 1") == 1);
    CHECK(coarse.outcomes.count("state 0 saw 1 woken 1") == 0);
    CHECK(coarse.outcomes.size() < all.outcomes.size());
}

TEST_SUITE_END();
