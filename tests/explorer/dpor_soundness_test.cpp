// tests/explorer/dpor_soundness_test.cpp: on random small programs, dpor reaches exactly the final
// states dfs reaches (reads, writes, read-modify-writes, compare-and-swaps narrowed to reads when
// they fail, spawns, blocking and data choices).
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"

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

enum class Kind { read, write, add, spawn_child, wait_flag, set_flag, choice, cas };

struct Action {
    Kind kind;
    int object;
    int value;
};

struct State {
    std::vector<int> cells;
    std::vector<int> seen;  // per task: a hash of what it read
    bool flag = false;
    std::vector<ex::TaskId> flag_waiters;
    std::vector<ex::ObjectId> ids;
    ex::ObjectId flag_id = 0;
};

void run_actions(const std::shared_ptr<State>& st, int me, const std::vector<Action>& actions) {
    for (const Action& a : actions) {
        auto cell = static_cast<std::size_t>(a.object);
        auto self = static_cast<std::size_t>(me);
        switch (a.kind) {
            case Kind::read:
                ex::step("read", st->ids[cell], ex::Access::read);
                st->seen[self] = st->seen[self] * 31 + st->cells[cell];
                break;
            case Kind::write:
                ex::step("write", st->ids[cell], ex::Access::write);
                st->cells[cell] = a.value;
                break;
            case Kind::add:
                ex::step("add", st->ids[cell], ex::Access::read_write);
                st->cells[cell] += a.value;
                break;
            case Kind::spawn_child: {
                ex::step("write", st->ids[cell], ex::Access::write);
                st->cells[cell] = a.value;
                int child = me + 10;
                ex::spawn("child" + std::to_string(me), [st, child, cell] {
                    ex::step("add", st->ids[cell], ex::Access::read_write);
                    st->cells[cell] += child;
                });
                break;
            }
            case Kind::wait_flag:
                while (true) {
                    ex::step("test flag", st->flag_id, ex::Access::read_write);
                    if (st->flag) {
                        break;
                    }
                    st->flag_waiters.push_back(ex::self());
                    ex::block("flag", st->flag_id);
                }
                break;
            case Kind::set_flag:
                ex::step("set flag", st->flag_id, ex::Access::write);
                st->flag = true;
                for (ex::TaskId t : st->flag_waiters) {
                    ex::wake(t);
                }
                st->flag_waiters.clear();
                break;
            case Kind::choice:
                ex::step("write", st->ids[cell], ex::Access::write);
                st->cells[cell] = static_cast<int>(ex::choose(2, "bit")) + a.value;
                break;
            case Kind::cas:
                // compare-and-swap: a failed one only read, and says so (refine)
                ex::step("cas", st->ids[cell], ex::Access::read_write);
                if (st->cells[cell] == a.value % 2) {
                    st->cells[cell] = a.value;
                } else {
                    ex::refine(ex::Access::read);
                    st->seen[self] = st->seen[self] * 31 + st->cells[cell];
                }
                break;
        }
    }
}

struct Program {
    std::vector<std::vector<Action>> tasks;
    int objects;
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
            auto kind = static_cast<Kind>(rng.next(8));
            if (kind == Kind::wait_flag && t == 0) {
                kind = Kind::read;  // task 0 never waits: with a setter elsewhere no deadlock
            }
            if (kind == Kind::set_flag) {
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
    return p;
}

// Every reachable final state (cells, reads, flag), recorded at quiescence.
std::set<std::string> final_states(const Program& p, ex::Strategy& strategy, std::uint64_t* executions) {
    auto states = std::make_shared<std::set<std::string>>();
    ex::Options options;
    options.keep_going = true;
    ex::Report report = ex::explore([p, states] {
        auto st = std::make_shared<State>();
        st->cells.assign(static_cast<std::size_t>(p.objects), 0);
        st->seen.assign(p.tasks.size(), 0);
        for (int o = 0; o < p.objects; ++o) {
            st->ids.push_back(ex::object("cell" + std::to_string(o)));
        }
        st->flag_id = ex::object("flag");
        for (std::size_t t = 0; t < p.tasks.size(); ++t) {
            ex::spawn("t" + std::to_string(t), [st, t, &p] { run_actions(st, static_cast<int>(t), p.tasks[t]); });
        }
        ex::at_end("record", [st, states]() -> std::optional<std::string> {
            std::string s;
            for (int c : st->cells) {
                s += std::to_string(c) + ",";
            }
            s += "|";
            for (int v : st->seen) {
                s += std::to_string(v) + ",";
            }
            s += st->flag ? "F" : "f";
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

TEST_CASE("dpor reaches exactly the final states dfs reaches, on 300 random programs") {
    std::uint64_t dfs_total = 0;
    std::uint64_t dpor_total = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        Program p = random_program(seed);
        ex::DfsStrategy dfs;
        ex::DporStrategy dpor;
        std::uint64_t dfs_count = 0;
        std::uint64_t dpor_count = 0;
        std::set<std::string> expected = final_states(p, dfs, &dfs_count);
        std::set<std::string> got = final_states(p, dpor, &dpor_count);
        CHECK(got == expected);
        CHECK(dpor_count <= dfs_count);
        CHECK(dpor.fallbacks() == 0);
        dfs_total += dfs_count;
        dpor_total += dpor_count;
    }
    MESSAGE("300 random programs: dfs " << dfs_total << " executions, dpor " << dpor_total);
    CHECK(dpor_total < dfs_total);
}

TEST_SUITE_END();
