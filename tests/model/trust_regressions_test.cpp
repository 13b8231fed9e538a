// tests/model/trust_regressions_test.cpp: the classes of quiet wrongness found by trying ktcheck as a
// new user (issue "cannot be wrong quietly"): each program here was wrong before the cells, the
// explorer's locks and the lost wake-up by expectation.
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "model/kthread/world.hpp"
#include "model/kernel/list.hpp"
#include "model/kernel/sched.hpp"
#include "model/kernel/spinlock.hpp"
#include "model/program.hpp"
#include "tiny_kernel.hpp"

TEST_SUITE_BEGIN("model.trust");

namespace {

namespace ex = explorer;
using namespace model;

// A taker spawned first that does one unrelated step and then takes from the list, against an
// adder that queues one entry: the take finds the list empty or not, in both strategies.
std::set<bool> taker_outcomes(ex::Strategy& strategy) {
    auto took = std::make_shared<std::set<bool>>();
    auto world = ktc_test::tiny_world();
    auto program = ktc_test::tiny_program(world, [took](Kthreads& k) {
        KthreadCreateInfo& create = k.creates.emplace_back();
        create.block.name = "create@adder";
        create.block.obj = ex::object(create.block.name);
        init_block(create.block, true);
        k.spawn("taker", [took] {
            Kthreads& kk = model::world();
            ex::step("unrelated", ex::object("u"), ex::Access::write);
            spin_lock(&kk.kthread_create_lock);
            bool taken = false;
            if (!list_empty(&kk.kthread_create_list)) {
                list_del_init(&list_first_entry(&kk.kthread_create_list)->block, &kk.kthread_create_list);
                taken = true;
            }
            spin_unlock(&kk.kthread_create_lock);
            took->insert(taken);
        }, false);
        k.spawn("adder", [&create] {
            Kthreads& kk = model::world();
            spin_lock(&kk.kthread_create_lock);
            list_add_tail(&create.block, &kk.kthread_create_list);
            spin_unlock(&kk.kthread_create_lock);
        }, false);
    });
    ex::Report report = ex::explore(program, strategy);
    CHECK(report.passed());
    CHECK(report.complete);
    return *took;
}

ex::Report explore_mutation(const char* variant, const char* mutation, AfterCreation after, unsigned requesters) {
    ModelConfig config;
    config.variant = variant;
    config.mutations = {mutation};
    config.requesters.assign(requesters, RequesterConfig{false, after});
    REQUIRE_FALSE(validate(config).has_value());
    ex::Options options;
    options.keep_going = true;
    ex::DporStrategy dpor;
    return ex::explore(build_program(config), dpor, options);
}

}  // namespace

TEST_CASE("the taker/adder program: dpor reaches both outcomes dfs reaches (no read before a step)") {
    ex::DfsStrategy dfs;
    ex::DporStrategy dpor;
    std::set<bool> by_dfs = taker_outcomes(dfs);
    std::set<bool> by_dpor = taker_outcomes(dpor);
    CHECK(by_dfs == std::set<bool>{false, true});
    CHECK(by_dpor == by_dfs);
}

TEST_CASE("kthread() completing done before it sets create->result is valid-return, not a crash") {
    for (const char* variant : {"era-b", "era-c", "era-d", "era-e"}) {
        CAPTURE(variant);
        ex::Report report = explore_mutation(variant, "complete-before-result", AfterCreation::wake, 1);
        CHECK(report.complete);
        REQUIRE_FALSE(report.findings.empty());
        CHECK(report.findings[0].failure.invariant == "valid-return");
        CHECK(report.findings[0].failure.message.find("before anyone set it") != std::string::npos);
    }
}

TEST_CASE("kthread() setting TASK_UNINTERRUPTIBLE after complete(done) loses the requester's wake-up") {
    for (const char* variant : {"era-b", "era-c", "era-d", "era-e", "ubuntu"}) {
        CAPTURE(variant);
        ex::Report report = explore_mutation(variant, "sleep-state-after-complete", AfterCreation::wake, 1);
        CHECK(report.complete);
        REQUIRE(report.findings.size() == 1);
        CHECK(report.findings[0].failure.invariant == "no-lost-wakeup");
        CHECK(report.findings[0].failure.message.find("although requester0 called wake_up_process()") !=
              std::string::npos);
    }
}

TEST_CASE("equivalent rewrites pass: waking kthreadd under the lock, and `if` for kthreadd's inner `while`") {
    for (const char* variant : {"era-b", "era-c", "era-d", "era-e"}) {
        for (const char* mutation : {"wake-kthreadd-under-lock", "kthreadd-if-not-while"}) {
            CAPTURE(variant);
            CAPTURE(mutation);
            ex::Report report = explore_mutation(variant, mutation, AfterCreation::wake, 2);
            CHECK(report.complete);
            CHECK(report.passed());
            if (!report.passed()) {
                MESSAGE(report.findings[0].failure.invariant << ": " << report.findings[0].failure.message);
            }
        }
    }
}

TEST_SUITE_END();
