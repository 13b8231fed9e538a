// tests/explorer/strategies_test.cpp: bounded (<= k preemptions, each once, fewest first), random and pct.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "explorer/explorer.hpp"
#include "tests/explorer/programs.hpp"
#include "explorer/strategy/bounded.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/pct.hpp"
#include "explorer/strategy/random.hpp"
#include "explorer/strategy/registry.hpp"
#include "explorer/strategy/rng.hpp"

TEST_SUITE_BEGIN("explorer");

namespace ex = explorer;
using test_programs::writers;

namespace {

// The test's own count of preemptions (not BoundedStrategy::preemptions(), which it checks):
// a step by another task while the previous step's task was still ready.
std::size_t count_preemptions(const std::vector<ex::Event>& events) {
    std::size_t count = 0;
    for (std::size_t i = 1; i < events.size(); ++i) {
        ex::TaskId previous = events[i - 1].task;
        if (events[i].task != previous && (events[i].ready & (std::uint64_t{1} << previous)) != 0) {
            ++count;
        }
    }
    return count;
}

// An execution as a string: each step's task and its data choices.
std::string signature(const ex::Execution& execution) {
    std::string text;
    for (const ex::Event& event : execution.events()) {
        text += std::to_string(event.task);
        for (std::uint32_t i = 0; i < event.choice_count; ++i) {
            text += ":" + std::to_string(execution.choices()[event.first_choice + i]);
        }
        text += ' ';
    }
    return text;
}

// Forwards to another strategy and records every execution it ran (signature, preemptions).
class Recorder final : public ex::Strategy {
public:
    explicit Recorder(ex::Strategy& inner) : inner_(inner) {}

    const char* name() const override { return inner_.name(); }
    bool begin_execution() override { return inner_.begin_execution(); }
    std::size_t pick_task(const ex::Execution& execution, std::span<const ex::TaskId> ready) override {
        return inner_.pick_task(execution, ready);
    }
    bool consult_every_step() const override { return inner_.consult_every_step(); }
    std::size_t pick_value(const ex::Execution& execution, std::size_t count, const char* label) override {
        return inner_.pick_value(execution, count, label);
    }
    void end_execution(const ex::Execution& execution) override {
        signatures.push_back(signature(execution));
        preemptions.push_back(count_preemptions(execution.events()));
        CHECK(ex::BoundedStrategy::preemptions(execution) == preemptions.back());
        inner_.end_execution(execution);
    }
    std::string divergence() const override { return inner_.divergence(); }

    std::vector<std::string> signatures;
    std::vector<std::size_t> preemptions;

private:
    ex::Strategy& inner_;
};


// Two tasks writing 2 and 1 times: 001 and 100 have no preemption, 010 has one.
ex::Program uneven_writers() {
    return [] {
        ex::ObjectId x = ex::object("x");
        ex::spawn("t0", [x] {
            ex::step("write", x, ex::Access::write);
            ex::step("write", x, ex::Access::write);
        });
        ex::spawn("t1", [x] { ex::step("write", x, ex::Access::write); });
    };
}

// A sleeping lock around W writes: blocking makes some switches free.
ex::Program locked_writers(int w) {
    struct Lock {
        ex::TaskId owner = ex::no_task;
        std::vector<ex::TaskId> waiters;
    };
    return [w] {
        auto lock = std::make_shared<Lock>();
        ex::ObjectId m = ex::object("m");
        ex::ObjectId x = ex::object("x");
        for (const char* name : {"a", "b", "c"}) {
            ex::spawn(name, [=] {
                while (true) {
                    ex::step("lock", m, ex::Access::read_write);
                    if (lock->owner == ex::no_task) {
                        lock->owner = ex::self();
                        break;
                    }
                    lock->waiters.push_back(ex::self());
                    ex::block("lock", m);
                }
                for (int i = 0; i < w; ++i) {
                    ex::step("write", x, ex::Access::write);
                }
                ex::step("unlock", m, ex::Access::write);
                lock->owner = ex::no_task;
                for (ex::TaskId t : lock->waiters) {
                    ex::wake(t);
                }
                lock->waiters.clear();
            });
        }
    };
}

// A lost update: each task does `local` steps on its own object, then loads and stores the
// shared counter in two steps, then `local` more own steps. One preemption (between a load
// and its store) suffices to lose an update.
ex::Program racy_counter(int local) {
    return [local] {
        auto counter = std::make_shared<int>(0);
        ex::ObjectId c = ex::object("counter");
        for (const char* name : {"a", "b"}) {
            ex::spawn(name, [=] {
                ex::ObjectId own = ex::object(std::string("own-") + name);
                for (int i = 0; i < local; ++i) {
                    ex::step("local", own, ex::Access::write);
                }
                ex::step("load", c, ex::Access::read);
                int seen = *counter;
                ex::step("store", c, ex::Access::write);
                *counter = seen + 1;
                for (int i = 0; i < local; ++i) {
                    ex::step("local", own, ex::Access::write);
                }
            });
        }
        ex::at_end("no-lost-update", [counter]() -> std::optional<std::string> {
            if (*counter != 2) {
                return "counter is " + std::to_string(*counter) + " after 2 increments";
            }
            return std::nullopt;
        });
    };
}

// Preemptions in a trace of a program that never blocks and ends with every task finished:
// a switch away from a task that has steps later in the trace.
std::size_t trace_preemptions(const ex::Trace& trace) {
    std::size_t count = 0;
    for (std::size_t i = 1; i < trace.steps.size(); ++i) {
        const std::string& previous = trace.steps[i - 1].task;
        if (trace.steps[i].task == previous) {
            continue;
        }
        for (std::size_t j = i + 1; j < trace.steps.size(); ++j) {
            if (trace.steps[j].task == previous) {
                ++count;
                break;
            }
        }
    }
    return count;
}

// How many preemptions each execution of `program` has, over every execution (dfs).
std::map<std::size_t, std::uint64_t> preemption_histogram(const ex::Program& program) {
    ex::DfsStrategy dfs;
    Recorder recorder(dfs);
    ex::Report report = ex::explore(program, recorder);
    REQUIRE(report.complete);
    std::map<std::size_t, std::uint64_t> histogram;
    for (std::size_t p : recorder.preemptions) {
        ++histogram[p];
    }
    return histogram;
}

// The first `n` executions of `strategy`, as signatures.
std::vector<std::string> first_executions(const ex::Program& program, ex::Strategy& strategy,
                                          std::uint64_t n) {
    Recorder recorder(strategy);
    ex::Options options;
    options.max_executions = n;
    ex::Report report = ex::explore(program, recorder, options);
    CHECK(report.executions == n);
    CHECK_FALSE(report.complete);
    return recorder.signatures;
}

}  // namespace

TEST_CASE("bounded: 2 tasks x 2 writes: 2 executions with no preemption, 2 with one, 2 with two") {
    // 0011 and 1100: none; 0110 and 1001: one (the switch at the second step); 0101 and 1010: two.
    std::vector<std::uint64_t> expected{2, 4, 6, 6};
    for (std::uint32_t k = 0; k < expected.size(); ++k) {
        CAPTURE(k);
        ex::BoundedStrategy bounded(k);
        ex::Report report = ex::explore(writers(2, 2), bounded);
        CHECK(report.complete);
        CHECK(report.passed());
        CHECK(report.executions == expected[k]);
    }
    // Data choices are explored in full: 2^4 per interleaving.
    ex::BoundedStrategy bounded(1);
    CHECK(ex::explore(writers(2, 2, 2), bounded).executions == 4 * 16);
}

TEST_CASE("bounded: past its memory budget the later rounds are cut short, and the report says so") {
    // 2 tasks x 2 writes, bound 2: round 0 runs 2 executions; the 4 more of rounds 1 and 2
    // need stored schedule prefixes. A budget of 0 stored choices keeps none of them.
    ex::BoundedStrategy starved(2, 0);
    ex::Report cut = ex::explore(writers(2, 2), starved);
    CHECK(cut.executions == 2);
    CHECK_FALSE(cut.complete);
    CHECK(cut.incomplete.find("exhaustive up to 0 preemptions only") != std::string::npos);
    ex::BoundedStrategy fed(2, 1000);
    ex::Report whole = ex::explore(writers(2, 2), fed);
    CHECK(whole.executions == 6);
    CHECK(whole.complete);
    CHECK(whole.incomplete.empty());
}

TEST_CASE("bounded: switching away from a finished task is free") {
    // 3 tasks x 1 write: every task finishes after its step, so all 3! orders have none.
    ex::BoundedStrategy none(0);
    CHECK(ex::explore(writers(3, 1), none).executions == 6);
    ex::BoundedStrategy zero(0);
    CHECK(ex::explore(uneven_writers(), zero).executions == 2);
    ex::BoundedStrategy one(1);
    CHECK(ex::explore(uneven_writers(), one).executions == 3);
}

TEST_CASE("bounded: round b runs exactly the executions with b preemptions, each once (dfs as the oracle)") {
    struct Case {
        const char* name;
        ex::Program program;
    };
    std::vector<Case> cases{{"2x3 writers", writers(2, 3)},
                            {"3x2 writers", writers(3, 2)},
                            {"2x2 writers, 3 values", writers(2, 2, 3)},
                            {"uneven writers", uneven_writers()},
                            {"3 tasks, a sleeping lock, 2 writes", locked_writers(2)}};
    for (const Case& c : cases) {
        CAPTURE(c.name);
        std::map<std::size_t, std::uint64_t> histogram = preemption_histogram(c.program);
        std::uint64_t total = 0;
        for (auto [p, n] : histogram) {
            total += n;
        }
        std::size_t most = histogram.rbegin()->first;
        for (std::uint32_t k = 0; k <= most + 1; ++k) {
            CAPTURE(k);
            ex::BoundedStrategy bounded(k);
            Recorder recorder(bounded);
            ex::Report report = ex::explore(c.program, recorder);
            CHECK(report.complete);
            std::uint64_t expected = 0;
            for (auto [p, n] : histogram) {
                expected += p <= k ? n : 0;
            }
            CHECK(report.executions == expected);
            // Fewest preemptions first, none repeated.
            CHECK(std::is_sorted(recorder.preemptions.begin(), recorder.preemptions.end()));
            CHECK(std::set<std::string>(recorder.signatures.begin(), recorder.signatures.end()).size() ==
                  recorder.signatures.size());
            if (k >= most) {
                CHECK(report.executions == total);
            }
        }
    }
}

TEST_CASE("bounded: the lost update is found in round 1, with one preemption") {
    ex::BoundedStrategy zero(0);
    ex::Report safe = ex::explore(racy_counter(0), zero);
    CHECK(safe.complete);
    CHECK(safe.passed());
    CHECK(safe.executions == 2);  // the two serial orders

    ex::BoundedStrategy bounded(3);
    ex::Report report = ex::explore(racy_counter(2), bounded);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].failure.invariant == "no-lost-update");
    CHECK(bounded.round() == 1);
    // Round 0: the two serial orders. Round 1 preempts a after its 1st, 2nd, 3rd step ...:
    // after its load (3rd step) b's whole increment is lost.
    CHECK(report.findings[0].execution == 4);
    CHECK(trace_preemptions(report.findings[0].trace) == 1);
}

TEST_CASE("the registry makes bounded, random and pct") {
    for (const char* name : {"bounded", "random", "pct"}) {
        CAPTURE(name);
        std::unique_ptr<ex::Strategy> strategy = ex::make_strategy(name, 1);
        REQUIRE(strategy != nullptr);
        CHECK(std::string(strategy->name()) == name);
        bool listed = false;
        for (const ex::StrategyInfo& info : ex::strategies()) {
            listed = listed || (std::string(info.name) == name && !info.exhaustive);
        }
        CHECK(listed);
    }
    // "bounded" is bound 3: 2 tasks x 4 writes has executions with up to 7 preemptions.
    std::unique_ptr<ex::Strategy> bounded = ex::make_strategy("bounded", 1);
    ex::BoundedStrategy three(3);
    CHECK(ex::explore(writers(2, 4), *bounded).executions == ex::explore(writers(2, 4), three).executions);
    ex::DfsStrategy dfs;
    CHECK(ex::explore(writers(2, 4), three).executions < ex::explore(writers(2, 4), dfs).executions);
}

TEST_CASE("rng: fixed algorithm, bounded draws in range and roughly uniform") {
    std::uint64_t state = 0;
    CHECK(ex::Rng::splitmix64(state) == 0xE220A8397B1DCDAFULL);  // the reference first output
    ex::Rng a(42);
    ex::Rng b(42);
    ex::Rng c(42, 1);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        std::uint64_t x = a.next();
        CHECK(x == b.next());
        differs = differs || x != c.next();
    }
    CHECK(differs);
    ex::Rng rng(7);
    std::vector<int> histogram(6, 0);
    for (int i = 0; i < 60'000; ++i) {
        std::uint64_t v = rng.below(6);
        REQUIRE(v < 6);
        ++histogram[v];
    }
    for (int n : histogram) {
        CHECK(n > 9'500);
        CHECK(n < 10'500);
    }
    CHECK(rng.below(1) == 0);
}

TEST_CASE("random and pct: the same seed gives the same executions, another seed others") {
    ex::Program program = writers(3, 3, 2);
    for (const char* name : {"random", "pct"}) {
        CAPTURE(name);
        std::unique_ptr<ex::Strategy> first = ex::make_strategy(name, 11);
        std::unique_ptr<ex::Strategy> again = ex::make_strategy(name, 11);
        std::unique_ptr<ex::Strategy> other = ex::make_strategy(name, 12);
        std::vector<std::string> a = first_executions(program, *first, 50);
        std::vector<std::string> b = first_executions(program, *again, 50);
        std::vector<std::string> c = first_executions(program, *other, 50);
        CHECK(a == b);
        CHECK(a != c);
        // Not one execution over and over.
        CHECK(std::set<std::string>(a.begin(), a.end()).size() > 10);
    }
}

TEST_CASE("pct: depth d allows at most d-1 preemptions when no task wakes or spawns later") {
    for (std::uint32_t d : {1U, 2U, 3U}) {
        CAPTURE(d);
        ex::PctStrategy pct(5, d);
        Recorder recorder(pct);
        ex::Options options;
        options.max_executions = 300;
        ex::explore(writers(3, 3), recorder, options);
        std::size_t most = *std::max_element(recorder.preemptions.begin(), recorder.preemptions.end());
        CHECK(most == d - 1);
    }
}

TEST_CASE("random and pct find the lost update within a pinned number of executions") {
    // Measured over seeds 1..30 on this program: random needs at most 17 executions (mean 4.3),
    // pct (depth 3) at most 35 (mean 9.8). The limits leave about twice that.
    struct Limit {
        const char* name;
        std::uint64_t within;
        std::uint64_t seed_one;  // seed 1, exactly: the same everywhere (our own PRNG)
    };
    for (Limit limit : {Limit{"random", 40, 2}, Limit{"pct", 80, 22}}) {
        CAPTURE(std::string(limit.name));
        for (std::uint64_t seed = 1; seed <= 30; ++seed) {
            CAPTURE(seed);
            std::unique_ptr<ex::Strategy> strategy = ex::make_strategy(limit.name, seed);
            ex::Options options;
            options.max_executions = limit.within;
            ex::Report report = ex::explore(racy_counter(4), *strategy, options);
            REQUIRE(report.findings.size() == 1);
            CHECK(report.findings[0].failure.invariant == "no-lost-update");
            if (seed == 1) {
                CHECK(report.findings[0].execution + 1 == limit.seed_one);
            }
        }
    }
}

TEST_SUITE_END();
