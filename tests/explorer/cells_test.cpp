// tests/explorer/cells_test.cpp: cells are checked against the running step's declared op: an
// undeclared access, an access outside a step, a refine() below what the step did and an unset
// read are reported (model fault or finding), never silently explored.
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include "explorer/cell.hpp"
#include "explorer/explorer.hpp"
#include "explorer/lock.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"

TEST_SUITE_BEGIN("explorer");

namespace {

namespace ex = explorer;

struct World {
    ex::Cell<int> x;
    ex::Cell<int> y;
};

ex::Report run(const std::function<void(std::shared_ptr<World>)>& body) {
    return ex::explore([body] {
        auto world = std::make_shared<World>();
        world->x.create(ex::object("x"), "value", 0);
        world->y.create(ex::object("y"), "value", 0);
        body(world);
    });
}

const ex::Failure& only(const ex::Report& report) {
    REQUIRE(report.findings.size() == 1);
    return report.findings[0].failure;
}

}  // namespace

TEST_CASE("cells: declared accesses pass, an undeclared read or write is a model fault naming step, task, cell and op") {
    SUBCASE("declared") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("read x", ex::object("x"), ex::Access::read);
                ex::check(w->x.get() == 0, "x is 0");
                ex::step("write y", ex::object("y"), ex::Access::write);
                w->y.set(1);
            });
        });
        CHECK(report.passed());
    }
    SUBCASE("a read of an object the step did not declare") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("read x", ex::object("x"), ex::Access::read);
                (void)w->y.get();
            });
        });
        const ex::Failure& f = only(report);
        CHECK(f.kind == ex::FailureKind::model_fault);
        CHECK(ex::is_internal(f.kind));
        CHECK(f.message == "t reads y.value in step 0 of t, read x on x (read), which does not declare it: every "
                           "access to shared state must be declared by its step");
    }
    SUBCASE("a write under a read declaration") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("read x", ex::object("x"), ex::Access::read);
                w->x.set(1);
            });
        });
        CHECK(only(report).kind == ex::FailureKind::model_fault);
        CHECK(only(report).message.find("writes x.value") != std::string::npos);
    }
    SUBCASE("a read before the task's first step (the class of list_take_first()'s early read)") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                int seen = w->x.get();
                ex::step("read x", ex::object("x"), ex::Access::read);
                (void)seen;
            });
        });
        CHECK(only(report).kind == ex::FailureKind::model_fault);
        CHECK(only(report).message.find("outside a step") != std::string::npos);
    }
    SUBCASE("a read in the previous step, used to decide the next step's op") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("unrelated", ex::object("y"), ex::Access::write);
                bool nonzero = w->x.get() != 0;  // runs inside "unrelated", which declares y only
                ex::step("act", ex::object(nonzero ? "x" : "y"), ex::Access::write);
            });
        });
        CHECK(only(report).kind == ex::FailureKind::model_fault);
        CHECK(only(report).message.find("t reads x.value in step 0 of t, unrelated") != std::string::npos);
    }
}

TEST_CASE("refine() may only narrow, and never below what the step did") {
    SUBCASE("narrowing a write that did not happen is fine") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("maybe write x", ex::object("x"), ex::Access::read_write);
                if (w->x.get() == 0) {
                    ex::refine(ex::Access::read);
                }
            });
        });
        CHECK(report.passed());
    }
    SUBCASE("narrowing to a read after a write is a model fault") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("write x", ex::object("x"), ex::Access::read_write);
                w->x.set(1);
                ex::refine(ex::Access::read);
            });
        });
        CHECK(only(report).kind == ex::FailureKind::model_fault);
        CHECK(only(report).message.find("below what it did") != std::string::npos);
    }
    SUBCASE("narrowing to no access after a read is a model fault") {
        auto report = run([](std::shared_ptr<World> w) {
            ex::spawn("t", [w] {
                ex::step("read x", ex::object("x"), ex::Access::read);
                (void)w->x.get();
                ex::refine(ex::Access::none);
            });
        });
        CHECK(only(report).kind == ex::FailureKind::model_fault);
    }
    SUBCASE("widening is a model fault") {
        auto report = run([](std::shared_ptr<World>) {
            ex::spawn("t", [] {
                ex::step("read x", ex::object("x"), ex::Access::read);
                ex::refine(ex::Access::write);
            });
        });
        CHECK(only(report).kind == ex::FailureKind::model_fault);
        CHECK(only(report).message.find("widens") != std::string::npos);
    }
}

TEST_CASE("an unset cell read is a finding of the cell's invariant, in the order that reads first") {
    ex::Options keep_going;
    keep_going.keep_going = true;
    auto report = ex::explore([] {
        auto result = std::make_shared<ex::Cell<int>>();
        result->create_unset(ex::object("result"), "value", "valid-return");
        ex::spawn("writer", [result] {
            ex::step("write result", ex::object("result"), ex::Access::write);
            result->set(7);
        });
        ex::spawn("reader", [result] {
            ex::step("read result", ex::object("result"), ex::Access::read);
            ex::check(result->get() == 7, "the result it read is the one written");
        });
    }, keep_going);
    CHECK(report.complete);
    REQUIRE(report.findings.size() == 1);
    CHECK(report.findings[0].failure.kind == ex::FailureKind::invariant);
    CHECK(report.findings[0].failure.invariant == "valid-return");
    CHECK(report.findings[0].failure.message == "reader reads result.value before anyone set it");
}

namespace {

// The fingerprints of the final states of every interleaving (dfs: no reduction), and how
// many executions reached them.
struct Finals {
    std::set<std::uint64_t> fingerprints;
    std::uint64_t executions = 0;
};

Finals final_fingerprints(const ex::Program& program) {
    struct Probe final : ex::Strategy {
        std::set<std::uint64_t>* finals = nullptr;
        ex::DfsStrategy inner;
        const char* name() const override { return "probe"; }
        bool begin_execution() override { return inner.begin_execution(); }
        std::size_t pick_task(const ex::Execution& e, std::span<const ex::TaskId> ready) override {
            return inner.pick_task(e, ready);
        }
        bool needs_fingerprint() const override { return true; }
        std::size_t pick_value(const ex::Execution& e, std::size_t n, const char* l) override {
            return inner.pick_value(e, n, l);
        }
        void end_execution(const ex::Execution& e) override {
            finals->insert(e.fingerprint());
            inner.end_execution(e);
        }
    };
    Finals out;
    Probe probe;
    probe.finals = &out.fingerprints;
    ex::Report report = ex::explore(program, probe, ex::Options{});
    CHECK(report.passed());
    CHECK(report.complete);
    out.executions = report.executions;
    return out;
}

// p writes `written` to a; q either writes b or reads a.
ex::Program writer_and(bool q_reads_a, int written) {
    return [q_reads_a, written] {
        auto a = std::make_shared<ex::Cell<int>>();
        auto b = std::make_shared<ex::Cell<int>>();
        a->create(ex::object("a"), "value", 0);
        b->create(ex::object("b"), "value", 0);
        ex::spawn("p", [a, written] {
            ex::step("write a", ex::object("a"), ex::Access::write);
            a->set(written);
        });
        ex::spawn("q", [a, b, q_reads_a] {
            if (q_reads_a) {
                ex::step("read a", ex::object("a"), ex::Access::read);
                (void)a->get();
            } else {
                ex::step("write b", ex::object("b"), ex::Access::write);
                b->set(1);
            }
        });
    };
}

}  // namespace

TEST_CASE("the fingerprint: equal states are equal whatever the order of independent steps") {
    Finals finals = final_fingerprints(writer_and(/*q_reads_a=*/false, 1));
    CHECK(finals.executions == 2);  // both orders ran
    CHECK(finals.fingerprints.size() == 1);
}

TEST_CASE("the fingerprint: what a task read is part of the state, by value") {
    // The cells end equal either way; q read 0 in one order and 1 in the other.
    Finals differ = final_fingerprints(writer_and(/*q_reads_a=*/true, 1));
    CHECK(differ.executions == 2);
    CHECK(differ.fingerprints.size() == 2);
    // p writes the value a already holds: q read 0 in both orders, one state.
    Finals same = final_fingerprints(writer_and(/*q_reads_a=*/true, 0));
    CHECK(same.executions == 2);
    CHECK(same.fingerprints.size() == 1);
}

TEST_CASE("locks: a section that steps inside holds the lock between its steps, mutual exclusion holds") {
    auto report = ex::explore([] {
        auto inside = std::make_shared<int>(0);
        for (const char* name : {"A", "B"}) {
            ex::spawn(name, [inside] {
                ex::lock(ex::object("L"));
                ex::step("enter", ex::object("d"), ex::Access::write);
                ++*inside;
                ex::check(*inside == 1, "one task inside");
                ex::step("leave", ex::object("d"), ex::Access::write);
                --*inside;
                ex::unlock(ex::object("L"));
            });
        }
    });
    CHECK(report.passed());
    CHECK(report.complete);
}

TEST_CASE("locks: nested locks and unlocking a lock not held are model faults") {
    auto nested = ex::explore([] {
        ex::spawn("t", [] {
            ex::lock(ex::object("L"));
            ex::lock(ex::object("M"));
        });
    });
    REQUIRE(nested.findings.size() == 1);
    CHECK(nested.findings[0].failure.kind == ex::FailureKind::model_fault);
    auto stray = ex::explore([] {
        ex::spawn("t", [] {
            ex::step("s", ex::object("x"), ex::Access::write);
            ex::unlock(ex::object("L"));
        });
    });
    REQUIRE(stray.findings.size() == 1);
    CHECK(stray.findings[0].failure.kind == ex::FailureKind::model_fault);
}

TEST_SUITE_END();

TEST_CASE("cells: a model fault met while dpor runs on past an invariant's failure is reported, not hidden, and replays") {
    auto program = [] {
        auto world = std::make_shared<World>();
        world->x.create(ex::object("x"), "value", 0);
        world->y.create(ex::object("y"), "value", 0);
        ex::spawn("failer", [] {
            ex::step("read x", ex::object("x"), ex::Access::read);
            ex::fail("some-invariant", "failed first");
        });
        ex::spawn("faulter", [world] {
            ex::step("read x", ex::object("x"), ex::Access::read);
            ex::step("read x again", ex::object("x"), ex::Access::read);
            (void)world->y.get();  // undeclared: a model fault, after the other task's failure
        });
    };
    ex::Options options;
    options.keep_going = true;
    ex::DporStrategy dpor;
    ex::Report report = ex::explore(program, dpor, options);
    const ex::Finding* fault = nullptr;
    for (const ex::Finding& finding : report.findings) {
        if (finding.failure.kind == ex::FailureKind::model_fault) {
            fault = &finding;
        }
    }
    REQUIRE(fault != nullptr);
    CHECK(fault->failure.task == "faulter");
    ex::ReplayResult replayed = ex::replay(program, fault->trace, options);
    CHECK_FALSE(replayed.divergence.has_value());
    REQUIRE(replayed.trace.failure.has_value());
    CHECK(replayed.trace.failure->kind == ex::FailureKind::model_fault);
}
