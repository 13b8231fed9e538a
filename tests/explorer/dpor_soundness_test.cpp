// tests/explorer/dpor_soundness_test.cpp: on random small programs, dpor (in both search orders, some
// with a task marked schedule_last()) reaches exactly the final
// states dfs reaches (reads, writes, read-modify-writes, compare-and-swaps narrowed to reads when
// they fail, spawns, blocking and data choices).
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include <deque>

#include "explorer/cell.hpp"
#include "explorer/explorer.hpp"
#include "explorer/lock.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/stateful.hpp"

TEST_SUITE_BEGIN("explorer.slow");  // not under valgrind: seconds natively, minutes there

namespace ex = explorer;

namespace {

// A tiny deterministic generator for the programs (not for exploration decisions).
struct Lcg {
    std::uint64_t s;
    std::uint32_t next(std::uint32_t n) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::uint32_t>((s >> 33) % n);
    }
};

enum class Kind { read, write, add, spawn_child, wait_flag, set_flag, choice, cas, locked_add, locked_move, locked_wait, locked_set };

struct Action {
    Kind kind;
    int object;
    int value;
};

struct Waiters {
    std::vector<ex::TaskId> ids;
};
std::uint64_t cell_hash(const Waiters& w) {
    std::uint64_t h = w.ids.size();
    for (ex::TaskId t : w.ids) {
        h = ex::mix64(h ^ t);
    }
    return h;
}

// Shared state in cells (checked against each step's declaration, and fingerprinted for the
// stateful search); `seen` is each task's own record of what it read.
struct State {
    std::deque<ex::Cell<int>> cells;
    std::vector<int> seen;  // per task: a hash of what it read
    ex::Cell<bool> flag;
    ex::Cell<Waiters> flag_waiters;
    std::vector<ex::ObjectId> ids;
    ex::ObjectId flag_id = 0;
    ex::ObjectId lock_id = 0;
};

// Sleeps until the flag is set (its test and the sleep are one step).
void wait_for_flag(State& st) {
    while (true) {
        ex::step("test flag", st.flag_id, ex::Access::read_write);
        if (st.flag.get()) {
            return;
        }
        st.flag_waiters.modify([](Waiters& w) { w.ids.push_back(ex::self()); });
        ex::block("flag", st.flag_id);
    }
}

// Inside the step that set the flag: wakes whoever waits for it.
void wake_flag_waiters(State& st) {
    for (ex::TaskId t : st.flag_waiters.get().ids) {
        ex::wake(t);
    }
    st.flag_waiters.set(Waiters{});
}

void run_actions(const std::shared_ptr<State>& st, int me, const std::vector<Action>& actions) {
    for (const Action& a : actions) {
        auto cell = static_cast<std::size_t>(a.object);
        auto self = static_cast<std::size_t>(me);
        switch (a.kind) {
            case Kind::read:
                ex::step("read", st->ids[cell], ex::Access::read);
                st->seen[self] = st->seen[self] * 31 + st->cells[cell].get();
                break;
            case Kind::write:
                ex::step("write", st->ids[cell], ex::Access::write);
                st->cells[cell].set(a.value);
                break;
            case Kind::add:
                ex::step("add", st->ids[cell], ex::Access::read_write);
                st->cells[cell].set(st->cells[cell].get() + a.value);
                break;
            case Kind::spawn_child: {
                ex::step("write", st->ids[cell], ex::Access::write);
                st->cells[cell].set(a.value);
                int child = me + 10;
                // named by task and action: two tasks of one name are an exception, which
                // halts an execution (no search runs past it, so dfs and dpor could differ)
                ex::spawn("child" + std::to_string(me) + "." + std::to_string(&a - actions.data()), [st, child, cell] {
                    ex::step("add", st->ids[cell], ex::Access::read_write);
                    st->cells[cell].set(st->cells[cell].get() + child);
                });
                break;
            }
            case Kind::wait_flag:
                wait_for_flag(*st);
                break;
            case Kind::set_flag:
                ex::step("set flag", st->flag_id, ex::Access::read_write);
                st->flag.set(true);
                wake_flag_waiters(*st);
                break;
            case Kind::choice:
                ex::step("write", st->ids[cell], ex::Access::write);
                st->cells[cell].set(static_cast<int>(ex::choose(2, "bit")) + a.value);
                break;
            case Kind::locked_add:
                // lock; add; unlock: one step (the explorer's locks)
                ex::lock(st->lock_id);
                ex::step("add", st->ids[cell], ex::Access::read_write);
                st->cells[cell].set(st->cells[cell].get() + a.value);
                ex::unlock(st->lock_id);
                break;
            case Kind::locked_move: {
                // lock; read one cell; write another; unlock: two steps, the lock held between
                auto other = (cell + 1) % st->cells.size();
                ex::lock(st->lock_id);
                ex::step("read", st->ids[cell], ex::Access::read);
                int v = st->cells[cell].get();
                st->seen[self] = st->seen[self] * 31 + v;
                ex::step("write", st->ids[other], ex::Access::write);
                st->cells[other].set(v + a.value);
                ex::unlock(st->lock_id);
                break;
            }
            case Kind::locked_wait:
                // lock; wait for the flag, asleep with the lock held; unlock (a task that needs
                // the lock meanwhile waits for it, maybe for ever)
                ex::lock(st->lock_id);
                wait_for_flag(*st);
                ex::unlock(st->lock_id);
                break;
            case Kind::locked_set:
                // lock; set the flag; unlock (one step), then the wake-ups
                ex::lock(st->lock_id);
                ex::step("set flag", st->flag_id, ex::Access::read_write);
                st->flag.set(true);
                ex::unlock(st->lock_id);
                wake_flag_waiters(*st);
                break;
            case Kind::cas:
                // compare-and-swap: a failed one only read, and says so (refine)
                ex::step("cas", st->ids[cell], ex::Access::read_write);
                if (st->cells[cell].get() == a.value % 2) {
                    st->cells[cell].set(a.value);
                } else {
                    ex::refine(ex::Access::read);
                    st->seen[self] = st->seen[self] * 31 + st->cells[cell].get();
                }
                break;
        }
    }
}

struct Program {
    std::vector<std::vector<Action>> tasks;
    int objects;
    int last = -1;  // a task marked schedule_last() (dpor takes it only when no other will do)
};

Program random_program(std::uint64_t seed) {
    Lcg rng{seed};
    Program p;
    p.objects = 2 + static_cast<int>(rng.next(2));
    int tasks = 2 + static_cast<int>(rng.next(2));
    bool has_setter = false;
    for (int t = 0; t < tasks; ++t) {
        std::vector<Action> actions;
        int length = 1 + static_cast<int>(rng.next(3));
        for (int i = 0; i < length; ++i) {
            auto kind = static_cast<Kind>(rng.next(12));
            if ((kind == Kind::wait_flag || kind == Kind::locked_wait) && t == 0) {
                kind = Kind::read;  // task 0 never waits: with a setter elsewhere no deadlock
            }
            if (kind == Kind::set_flag || kind == Kind::locked_set) {
                has_setter = true;
            }
            actions.push_back({kind, static_cast<int>(rng.next(static_cast<std::uint32_t>(p.objects))),
                               1 + static_cast<int>(rng.next(5))});
        }
        p.tasks.push_back(actions);
    }
    if (!has_setter) {
        p.tasks[0].push_back({Kind::set_flag, 0, 0});
    }
    if (seed % 2 == 0) {
        p.last = static_cast<int>((seed / 2) % p.tasks.size());  // no draw: the programs stay as they were
    }
    return p;
}

// Every reachable final state (cells, reads, flag), recorded at quiescence.
std::set<std::string> final_states(const Program& p, ex::Strategy& strategy, std::uint64_t* executions) {
    auto states = std::make_shared<std::set<std::string>>();
    ex::Options options;
    options.keep_going = true;
    ex::Report report = ex::explore([p, states] {
        auto st = std::make_shared<State>();
        st->seen.assign(p.tasks.size(), 0);
        for (int o = 0; o < p.objects; ++o) {
            st->ids.push_back(ex::object("cell" + std::to_string(o)));
            st->cells.emplace_back().create(st->ids.back(), "value", 0);
        }
        st->flag_id = ex::object("flag");
        st->lock_id = ex::object("L");
        st->flag.create(st->flag_id, "flag", false);
        st->flag_waiters.create(st->flag_id, "waiters", Waiters{});
        for (std::size_t t = 0; t < p.tasks.size(); ++t) {
            ex::TaskId id = ex::spawn("t" + std::to_string(t), [st, t, &p] { run_actions(st, static_cast<int>(t), p.tasks[t]); });
            if (static_cast<int>(t) == p.last) {
                ex::schedule_last(id);
            }
        }
        ex::at_end("record", [st, states]() -> std::optional<std::string> {
            std::string s;
            for (const ex::Cell<int>& c : st->cells) {
                s += std::to_string(c.peek()) + ",";
            }
            s += "|";
            for (int v : st->seen) {
                s += std::to_string(v) + ",";
            }
            s += st->flag.peek() ? "F" : "f";
            states->insert(s);
            return std::nullopt;
        });
    }, strategy, options);
    CHECK(report.complete);
    *executions = report.executions;
    for (const ex::Finding& f : report.findings) {
        states->insert("failure:" + f.failure.key());
    }
    return *states;
}

}  // namespace

TEST_CASE("dpor (both search orders, source sets and wakeup trees) and stateful reach exactly the final states dfs reaches, on 300 random programs") {
    std::uint64_t dfs_total = 0;
    std::uint64_t dpor_total = 0;
    constexpr std::uint64_t programs = 300;  // 2000 were checked once (README)
    for (std::uint64_t seed = 1; seed <= programs; ++seed) {
        CAPTURE(seed);
        Program p = random_program(seed);
        ex::DfsStrategy dfs;
        ex::DporStrategy dpor;
        std::uint64_t dfs_count = 0;
        std::uint64_t dpor_count = 0;
        std::set<std::string> expected = final_states(p, dfs, &dfs_count);
        std::set<std::string> got = final_states(p, dpor, &dpor_count);
        ex::DporStrategy reversed(ex::DporStrategy::Order::highest_id_first);
        std::uint64_t reversed_count = 0;
        CHECK(final_states(p, reversed, &reversed_count) == expected);
        CHECK(reversed.fallbacks() == 0);
        CHECK(got == expected);
        if (got != expected) {
            for (std::size_t t = 0; t < p.tasks.size(); ++t) {
                std::string line = "task " + std::to_string(t) + ":";
                for (const Action& a : p.tasks[t]) {
                    line += " " + std::to_string(static_cast<int>(a.kind)) + "/" + std::to_string(a.object) + "/" +
                            std::to_string(a.value);
                }
                MESSAGE(line);
            }
            for (const std::string& x : expected) {
                if (got.count(x) == 0) {
                    MESSAGE("dpor misses " << x);
                }
            }
        }
        // Source sets (dpor-source), both orders: the same final states, no alarm.
        for (auto order : {ex::DporStrategy::Order::lowest_id_first, ex::DporStrategy::Order::highest_id_first}) {
            ex::DporStrategy source(order, ex::DporStrategy::Sets::source_sets);
            std::uint64_t source_count = 0;
            CHECK(final_states(p, source, &source_count) == expected);
            CHECK(source.fallbacks() == 0);
            CHECK(source_count <= dfs_count);
        }
        ex::StatefulStrategy stateful;
        std::uint64_t stateful_count = 0;
        CHECK(final_states(p, stateful, &stateful_count) == expected);
        CHECK(dpor_count <= dfs_count);
        CHECK(dpor.fallbacks() == 0);
        dfs_total += dfs_count;
        dpor_total += dpor_count;
    }
    MESSAGE(programs << " random programs: dfs " << dfs_total << " executions, dpor " << dpor_total);
    CHECK(dpor_total < dfs_total);
}

namespace {

// The pattern of a killable wait_for_completion(): the waiter's step tests `done` and, when it
// is set, narrows itself to touch nothing of its own state; otherwise it tests its signal and
// sleeps. A completer does a step of its own, then sets `done`; a signal source (scheduled last) sets the signal and wakes
// the sleeper. The waiter ends "killed" only when the signal comes before both its wait and
// `done`, or wakes it before `done` is set.
ex::Program killable_wait(bool signal_last) {
    return [signal_last] {
        struct Shared {
            ex::Cell<bool> done;
            ex::Cell<bool> signal;
            ex::Cell<bool> sleeping;
            ex::Cell<int> result;
        };
        auto sh = std::make_shared<Shared>();
        const ex::ObjectId done = ex::object("done");
        const ex::ObjectId self = ex::object("waiter");
        sh->done.create(done, "done", false);
        sh->signal.create(self, "signal", false);
        sh->sleeping.create(self, "sleeping", false);
        sh->result.create(self, "result", 0);
        auto waiter = std::make_shared<ex::TaskId>(ex::no_task);
        *waiter = ex::spawn("waiter", [sh, done, self] {
            ex::step(ex::Op{"wait", done, ex::Access::read_write, self, ex::Access::read_write});
            if (sh->done.get()) {
                ex::refine(ex::Access::read_write, ex::Access::none);
                sh->result.peek();  // touches nothing of its own: the step narrowed itself
                return;
            }
            if (!sh->signal.get()) {
                sh->sleeping.set(true);
                ex::block("done", done);
                ex::step(ex::Op{"relock", done, ex::Access::read_write, self, ex::Access::read_write});
                sh->sleeping.set(false);
                if (sh->done.get()) {
                    return;
                }
            }
            sh->result.set(1);  // killed
        });
        ex::spawn("completer", [sh, done, waiter] {
            ex::step("prepare", ex::object("completer's own"), ex::Access::write);
            ex::step("complete", done, ex::Access::read_write);
            sh->done.set(true);
            ex::wake(*waiter);
        });
        ex::TaskId source = ex::spawn("signal", [sh, self, waiter] {
            ex::step("signal", self, ex::Access::read_write);
            sh->signal.set(true);
            if (sh->sleeping.get()) {
                ex::wake(*waiter);
            }
        });
        if (signal_last) {
            ex::schedule_last(source);
        }
        ex::outcome([sh] { return sh->result.peek() == 1 ? std::string("killed") : std::string("completed"); });
    };
}

}  // namespace

TEST_CASE("a step that narrowed itself is still reversed with what it declared: the killable wait") {
    ex::Options options;
    options.collect_outcomes = true;
    ex::DfsStrategy dfs;
    ex::Report all = ex::explore(killable_wait(false), dfs, options);
    REQUIRE(all.outcomes.size() == 2);
    for (bool signal_last : {false, true}) {
        for (auto order : {ex::DporStrategy::Order::lowest_id_first, ex::DporStrategy::Order::highest_id_first}) {
            CAPTURE(signal_last);
            CAPTURE(static_cast<int>(order));
            for (auto sets : {ex::DporStrategy::Sets::source_sets, ex::DporStrategy::Sets::wakeup_trees}) {
                ex::DporStrategy dpor(order, sets);
                ex::Report reduced = ex::explore(killable_wait(signal_last), dpor, options);
                CHECK(reduced.complete);
                CHECK(reduced.outcomes.size() == 2);  // "killed" needs the wait before `done` and the signal before it
                CHECK(dpor.fallbacks() == 0);
            }
        }
    }
}

TEST_SUITE_END();
