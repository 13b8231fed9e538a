// tests/model/primitives_test.cpp: each kernel primitive of the model, driven by hand-written
// schedules (ScriptedStrategy) over tiny programs, against protocol.md's primitive semantics.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/kernel/completion.hpp"
#include "model/kernel/fork.hpp"
#include "model/kernel/heap.hpp"
#include "model/kthread/world.hpp"
#include "model/kernel/list.hpp"
#include "model/kernel/sched.hpp"
#include "model/kernel/signal.hpp"
#include "model/kernel/spinlock.hpp"
#include "scripted_strategy.hpp"
#include "tiny_kernel.hpp"

namespace {

namespace ex = explorer;
using namespace model;
using ktc_test::run_scripted;
using ktc_test::ScriptedStrategy;
using ktc_test::ScriptedValue;
using ktc_test::tiny_program;
using ktc_test::tiny_world;

// The environment's fatal signal, as model/program.cpp's signal source delivers it.
void kill(TaskStruct* p) {
    ex::step("send_sig(SIGKILL)", p->obj, ex::Access::read_write);
    send_fatal_signal(p, false);
}

// No failure at all, and the schedule was followed to its end.
void require_clean(const ex::Report& report, const ScriptedStrategy& strategy) {
    INFO("divergence: " << strategy.divergence());
    if (!report.findings.empty()) {
        INFO("failure: " << report.findings[0].failure.invariant << ": " << report.findings[0].failure.message);
        REQUIRE(report.findings.empty());
    }
    REQUIRE(strategy.divergence().empty());
    REQUIRE(report.executions == 1);
}

const ex::Failure& only_failure(const ex::Report& report) {
    REQUIRE(report.findings.size() == 1);
    return report.findings[0].failure;
}

}  // namespace

TEST_SUITE_BEGIN("model.primitives");

// ---------------------------------------------------------------- set_current_state/schedule

TEST_CASE("schedule: a wake-up between set_current_state() and schedule() is not lost") {
    struct Seen {
        int woke = -1;
        bool sleeper_done = false;
        TaskStruct* sleeper = nullptr;
    };
    auto seen = std::make_shared<Seen>();
    auto world = tiny_world();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->sleeper = k.spawn("sleeper", [seen] {
            set_current_state(TASK_INTERRUPTIBLE);
            schedule();
            seen->sleeper_done = true;
        }, false);
        k.spawn("waker", [seen] { seen->woke = wake_up_process(seen->sleeper); }, false);
    });
    SUBCASE("woken in the window: schedule() returns at once") {
        ScriptedStrategy strategy({"sleeper", "waker", "sleeper"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(report.steps == 3);  // set_current_state, wake_up_process, schedule: no sleep
        CHECK(seen->woke == 1);
        CHECK(seen->sleeper_done);
        CHECK(seen->sleeper->state.peek() == TASK_RUNNING);
        CHECK(world->k().ghost.of(*seen->sleeper).wakeups == 1);
        CHECK_FALSE(seen->sleeper->asleep.peek());
    }
    SUBCASE("woken after schedule(): it slept and the wake-up makes it run") {
        ScriptedStrategy strategy({"sleeper", "sleeper", "waker"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(report.steps == 3);
        CHECK(seen->woke == 1);
        CHECK(seen->sleeper_done);
        CHECK(seen->sleeper->state.peek() == TASK_RUNNING);
    }
    SUBCASE("woken before set_current_state(): the sleep is for ever (a deadlock)") {
        ScriptedStrategy strategy({"waker", "sleeper", "sleeper"});
        auto report = run_scripted(program, strategy);
        CHECK(seen->woke == 0);  // it was RUNNING: no effect
        const ex::Failure& failure = only_failure(report);
        CHECK(failure.kind == ex::FailureKind::deadlock);
        CHECK(failure.message == "every unfinished task is blocked: sleeper in schedule");
        CHECK_FALSE(seen->sleeper_done);
    }
}

// ---------------------------------------------------------------- wake_up_process/wake_up_state

TEST_CASE("wake_up_process: wakes INTERRUPTIBLE and UNINTERRUPTIBLE sleepers and returns 1") {
    for (unsigned state : {TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_KILLABLE}) {
        CAPTURE(task_state_name(state));
        struct Seen {
            TaskStruct* sleeper = nullptr;
            bool asleep_before = false;
            unsigned state_before = 0;
            int woke = -1;
            int again = -1;
            bool done = false;
        };
        auto seen = std::make_shared<Seen>();
        auto world = tiny_world();
        auto program = tiny_program(world, [seen, state](Kthreads& k) {
            seen->sleeper = k.spawn("sleeper", [seen, state] {
                set_current_state(state);
                schedule();
                seen->done = true;
            }, false);
            k.spawn("waker", [seen] {
                ex::step("look", ex::object("nothing"), ex::Access::read);
                seen->asleep_before = seen->sleeper->asleep.peek();
                seen->state_before = seen->sleeper->state.peek();
                seen->woke = wake_up_process(seen->sleeper);
                seen->again = wake_up_process(seen->sleeper);  // now RUNNING: no effect
            }, false);
        });
        ScriptedStrategy strategy({"sleeper", "sleeper", "waker*", "sleeper*"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(seen->asleep_before);
        CHECK(seen->state_before == state);
        CHECK(seen->woke == 1);
        CHECK(seen->again == 0);
        CHECK(seen->done);
        CHECK(world->k().ghost.of(*seen->sleeper).wakeups == 1);
    }
}

TEST_CASE("wake_up_process: a RUNNING or DEAD task is left alone and 0 is returned") {
    struct Seen {
        TaskStruct* target = nullptr;
        int on_running = -1;
        int on_dead = -1;
        unsigned dead_state = 0;
    };
    auto seen = std::make_shared<Seen>();
    auto world = tiny_world();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->target = k.spawn("target", [] {
            ex::step("work", ex::object("work"), ex::Access::write);
            do_exit(0);
        }, false);
        k.spawn("waker", [seen] {
            seen->on_running = wake_up_process(seen->target);
            ex::step("look", ex::object("nothing"), ex::Access::read);
            seen->on_dead = wake_up_process(seen->target);
            seen->dead_state = seen->target->state.peek();
        }, false);
    });
    ScriptedStrategy strategy({"waker", "target*", "waker*"});
    auto report = run_scripted(program, strategy);
    require_clean(report, strategy);
    CHECK(seen->on_running == 0);
    CHECK(seen->on_dead == 0);
    CHECK(seen->dead_state == TASK_DEAD);
    CHECK(world->k().ghost.of(*seen->target).wakeups == 0);
    CHECK(seen->target->exited.peek());
}

TEST_CASE("wake_up_process does not wake a PARKED task, wake_up_state(p, TASK_PARKED) does") {
    struct Seen {
        TaskStruct* parked = nullptr;
        int by_process = -1;
        bool still_asleep = false;
        unsigned state_after = 0;
        int by_state = -1;
        bool done = false;
    };
    auto seen = std::make_shared<Seen>();
    auto world = tiny_world();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->parked = k.spawn("parked", [seen] {
            set_current_state(TASK_PARKED);
            schedule();
            seen->done = true;
        }, false);
        k.spawn("waker", [seen] {
            seen->by_process = wake_up_process(seen->parked);
            ex::step("look", ex::object("nothing"), ex::Access::read);
            seen->still_asleep = seen->parked->asleep.peek();
            seen->state_after = seen->parked->state.peek();
            seen->by_state = wake_up_state(seen->parked, TASK_PARKED);
        }, false);
    });
    ScriptedStrategy strategy({"parked", "parked", "waker", "waker", "waker"});
    auto report = run_scripted(program, strategy);
    require_clean(report, strategy);
    CHECK(seen->by_process == 0);
    CHECK(seen->still_asleep);
    CHECK(seen->state_after == TASK_PARKED);
    CHECK(seen->by_state == 1);
    CHECK(seen->done);
    CHECK(seen->parked->state.peek() == TASK_RUNNING);
    CHECK(world->k().ghost.of(*seen->parked).wakeups == 1);
}

// ---------------------------------------------------------------- fatal signals

TEST_CASE("a fatal signal wakes INTERRUPTIBLE and KILLABLE sleepers, never UNINTERRUPTIBLE ones") {
    struct Case {
        unsigned state;
        bool wakes;
    };
    for (Case c : {Case{TASK_INTERRUPTIBLE, true}, Case{TASK_KILLABLE, true}, Case{TASK_UNINTERRUPTIBLE, false}}) {
        CAPTURE(task_state_name(c.state));
        struct Seen {
            TaskStruct* sleeper = nullptr;
            bool asleep_after_signal = false;
            unsigned state_after_signal = 0;
            int rescue = -1;
            bool done = false;
        };
        auto seen = std::make_shared<Seen>();
        auto world = tiny_world();
        const unsigned state = c.state;
        auto program = tiny_program(world, [seen, state](Kthreads& k) {
            seen->sleeper = k.spawn("sleeper", [seen, state] {
                set_current_state(state);
                schedule();
                seen->done = true;
            }, false);
            k.spawn("killer", [seen] {
                kill(seen->sleeper);
                seen->asleep_after_signal = seen->sleeper->asleep.peek();
                seen->state_after_signal = seen->sleeper->state.peek();
                // Let an UNINTERRUPTIBLE sleeper finish (a no-op for the others).
                seen->rescue = wake_up_process(seen->sleeper);
            }, false);
        });
        ScriptedStrategy strategy({"sleeper", "sleeper", "killer*"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(seen->sleeper->fatal_signal.peek());
        CHECK(seen->asleep_after_signal == !c.wakes);
        CHECK(seen->state_after_signal == (c.wakes ? TASK_RUNNING : c.state));
        CHECK(seen->rescue == (c.wakes ? 0 : 1));
        CHECK(seen->done);
    }
}

TEST_CASE("a pending fatal signal keeps schedule() from sleeping, except in TASK_UNINTERRUPTIBLE") {
    for (unsigned state : {TASK_INTERRUPTIBLE, TASK_KILLABLE, TASK_UNINTERRUPTIBLE}) {
        CAPTURE(task_state_name(state));
        const bool sleeps = state == TASK_UNINTERRUPTIBLE;
        struct Seen {
            TaskStruct* sleeper = nullptr;
            bool slept = false;
            bool done = false;
        };
        auto seen = std::make_shared<Seen>();
        auto world = tiny_world();
        auto program = tiny_program(world, [seen, state](Kthreads& k) {
            seen->sleeper = k.spawn("sleeper", [seen, state] {
                set_current_state(state);
                schedule();
                seen->done = true;
            }, false);
            k.spawn("killer", [seen] {
                kill(seen->sleeper);
                ex::step("look", ex::object("nothing"), ex::Access::read);
                seen->slept = seen->sleeper->asleep.peek();
                wake_up_process(seen->sleeper);
            }, false);
        });
        // The signal comes first; set_current_state() then schedule() with it pending.
        ScriptedStrategy strategy({"killer", "sleeper", "sleeper", "killer*"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(seen->slept == sleeps);
        CHECK(seen->done);
        CHECK(seen->sleeper->state.peek() == TASK_RUNNING);
    }
}

TEST_CASE("kthreadd ignores signals: a fatal signal to it is dropped") {
    struct Seen {
        TaskStruct* daemon = nullptr;
    };
    auto seen = std::make_shared<Seen>();
    auto world = tiny_world();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->daemon = k.spawn("kthreadd", [] {
            current().ignores_signals = true;  // ignore_signals(current)
            set_current_state(TASK_INTERRUPTIBLE);
            schedule();
        }, true);
        k.spawn("killer", [seen] { kill(seen->daemon); }, false);
    });
    ScriptedStrategy strategy({"kthreadd", "kthreadd", "killer"});
    auto report = run_scripted(program, strategy);
    require_clean(report, strategy);
    CHECK_FALSE(seen->daemon->fatal_signal.peek());
    CHECK(seen->daemon->asleep.peek());
    CHECK(seen->daemon->state.peek() == TASK_INTERRUPTIBLE);
}

// ---------------------------------------------------------------- completions

namespace {

// A completion in the kernel's static storage, a waiter, a completer and a killer.
struct CompletionWorld {
    Completion* x = nullptr;
    TaskStruct* waiter = nullptr;
    long ret = -1;
    bool returned = false;
    bool waiter_woken_by_kill = false;  // the waiter was no longer blocked right after the fatal signal
};

enum class Wait { uninterruptible, killable, timeout };

ex::Program completion_program(const std::shared_ptr<ktc_test::TinyWorld>& world,
                               const std::shared_ptr<CompletionWorld>& cw, Wait wait, bool with_killer) {
    return tiny_program(world, [cw, wait, with_killer](Kthreads& k) {
        cw->x = &k.new_completion("x", k.globals);
        cw->waiter = k.spawn("waiter", [cw, wait] {
            switch (wait) {
                case Wait::uninterruptible: wait_for_completion(cw->x); cw->ret = 0; break;
                case Wait::killable: cw->ret = wait_for_completion_killable(cw->x); break;
                case Wait::timeout: cw->ret = wait_for_completion_timeout(cw->x, 100); break;
            }
            cw->returned = true;
        }, false);
        k.spawn("completer", [cw] { complete(cw->x); }, false);
        if (with_killer) {
            k.spawn("killer", [cw] {
                kill(cw->waiter);
                cw->waiter_woken_by_kill = ex::state_of(cw->waiter->tid) != ex::TaskState::blocked;
            }, false);
        }
    });
}

}  // namespace

TEST_CASE("completion: complete() before the wait: the wait returns at once") {
    auto world = tiny_world();
    auto cw = std::make_shared<CompletionWorld>();
    ScriptedStrategy strategy({"completer", "waiter"});  // the waiter's only step: take the lock
    auto report = run_scripted(completion_program(world, cw, Wait::uninterruptible, false), strategy);
    require_clean(report, strategy);
    CHECK(report.steps == 2);
    CHECK(report.findings.empty());
    CHECK(cw->returned);
    CHECK(cw->x->done.peek() == 0);  // consumed
    CHECK(cw->x->wait.peek().empty());
    CHECK(cw->x->completed_by == "completer");
    CHECK(world->k().ghost.of(*cw->waiter).wakeups == 0);
}

TEST_CASE("completion: complete() wakes a sleeping waiter, which consumes done") {
    auto world = tiny_world();
    auto cw = std::make_shared<CompletionWorld>();
    // waiter: lock (queued, UNINTERRUPTIBLE, asleep: inside wait_for_common() schedule() is no
    // step of its own); complete; waiter: relock.
    ScriptedStrategy strategy({"waiter", "completer", "waiter"});
    auto report = run_scripted(completion_program(world, cw, Wait::uninterruptible, false), strategy);
    require_clean(report, strategy);
    CHECK(report.steps == 3);
    CHECK(cw->returned);
    CHECK(cw->x->done.peek() == 0);
    CHECK(cw->x->wait.peek().empty());
    CHECK(cw->waiter->state.peek() == TASK_RUNNING);  // back under the lock, running
    CHECK(cw->x->completed_by == "completer");
}

TEST_CASE("completion: wait_for_completion_killable() and fatal signals") {
    auto world = tiny_world();
    auto cw = std::make_shared<CompletionWorld>();
    auto program = completion_program(world, cw, Wait::killable, true);
    SUBCASE("signal, then complete, then the wait: a visible completion beats the signal") {
        ScriptedStrategy strategy({"killer", "completer", "waiter"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->waiter->fatal_signal.peek());
        CHECK(cw->ret == 0);
        CHECK(cw->x->done.peek() == 0);
    }
    SUBCASE("complete, then signal, then the wait: success too") {
        ScriptedStrategy strategy({"completer", "killer", "waiter"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->ret == 0);
        CHECK(cw->x->done.peek() == 0);
    }
    SUBCASE("signal before the wait, no completion: -ERESTARTSYS at once, done untouched") {
        ScriptedStrategy strategy({"killer", "waiter", "completer"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(report.steps == 3);  // the waiter never reached schedule()
        CHECK(cw->ret == -ERESTARTSYS);
        CHECK(cw->x->wait.peek().empty());
        CHECK(cw->x->done.peek() == 1);  // complete() came later and nobody consumed it
    }
    SUBCASE("signal while asleep, no completion yet: woken, -ERESTARTSYS") {
        ScriptedStrategy strategy({"waiter", "killer", "waiter", "completer"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->ret == -ERESTARTSYS);
        CHECK(cw->waiter_woken_by_kill);  // the signal's wake-up
        CHECK(cw->waiter->state.peek() == TASK_RUNNING);  // back under the lock, running
        CHECK(cw->x->wait.peek().empty());
        CHECK(cw->x->done.peek() == 1);
    }
    SUBCASE("signal while asleep, then complete before the waiter retakes the lock: success") {
        ScriptedStrategy strategy({"waiter", "killer", "completer", "waiter"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->ret == 0);
        CHECK(cw->x->done.peek() == 0);
        CHECK(cw->x->wait.peek().empty());
    }
}

TEST_CASE("completion: wait_for_completion() ignores fatal signals") {
    auto world = tiny_world();
    auto cw = std::make_shared<CompletionWorld>();
    ScriptedStrategy strategy({"waiter", "killer", "completer", "waiter"});
    auto report = run_scripted(completion_program(world, cw, Wait::uninterruptible, true), strategy);
    require_clean(report, strategy);
    CHECK(cw->waiter->fatal_signal.peek());
    CHECK_FALSE(cw->waiter_woken_by_kill);  // the signal did not wake it: only complete() did
    CHECK(cw->waiter->state.peek() == TASK_RUNNING);  // back under the lock, running
    CHECK(cw->returned);
    CHECK(cw->x->done.peek() == 0);
}

TEST_CASE("completion: wait_for_completion_timeout() can time out and can succeed") {
    auto world = tiny_world();
    auto cw = std::make_shared<CompletionWorld>();
    auto program = completion_program(world, cw, Wait::timeout, false);
    SUBCASE("the timer fires first: 0, and a later complete() stays pending") {
        // lock (queued); relock: the step at which the sleeper resumes, here because the timer fired.
        ScriptedStrategy strategy({"waiter", "waiter", "completer"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->ret == 0);
        CHECK(cw->x->wait.peek().empty());
        CHECK(cw->x->done.peek() == 1);
    }
    SUBCASE("completed before the wait: the time left") {
        ScriptedStrategy strategy({"completer", "waiter"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->ret == 100);
        CHECK(cw->x->done.peek() == 0);
    }
    SUBCASE("completed while it sleeps: woken before the timer, the time left") {
        ScriptedStrategy strategy({"waiter", "completer", "waiter"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(cw->ret == 100);
        CHECK(cw->x->done.peek() == 0);
        CHECK(cw->waiter->state.peek() == TASK_RUNNING);  // back under the lock, running
    }
}

TEST_CASE("completion: complete() on a completion whose on-stack frame ended is completion-alive") {
    struct Seen {
        Block* frame = nullptr;
        Completion* done = nullptr;
    };
    auto seen = std::make_shared<Seen>();
    auto world = tiny_world();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->frame = &k.new_block("frame@owner", /*on_stack=*/true);
        seen->done = &k.new_completion("done@owner", *seen->frame);
        k.spawn("owner", [seen] {
            ex::step("gives up", seen->done->obj, ex::Access::read);
            end_of_frame(*seen->frame);  // returns: DECLARE_COMPLETION_ONSTACK(done) dies (a step of its own)
        }, false);
        k.spawn("completer", [seen] { complete(seen->done); }, false);
    });
    SUBCASE("after the frame ended") {
        ScriptedStrategy strategy({"owner", "owner", "completer"});
        auto report = run_scripted(program, strategy);
        const ex::Failure& failure = only_failure(report);
        CHECK(failure.kind == ex::FailureKind::invariant);
        CHECK(failure.invariant == "completion-alive");
        CHECK(failure.task == "completer");
        CHECK(failure.step == 2);
        CHECK(failure.message ==
              "completer calls complete() on done@owner, which is dead: its frame returned (owner returned) at step 1");
    }
    SUBCASE("before the frame ended: fine") {
        ScriptedStrategy strategy({"completer", "owner", "owner"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(seen->done->done.peek() == 1);
    }
}

// ---------------------------------------------------------------- spinlock and the list

TEST_CASE("spin_lock: mutual exclusion, a contended acquire waits for spin_unlock()") {
    struct Seen {
        Spinlock lock;
        int inside = 0;
        int most_inside = 0;
        int most_ever = 0;  // over every execution
        std::vector<std::string> order;
    };
    auto world = tiny_world();
    auto seen = std::make_shared<Seen>();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->lock = Spinlock{};
        seen->lock.name = "L";
        seen->lock.obj = ex::object("L");
        seen->inside = 0;
        seen->most_inside = 0;
        seen->order.clear();
        for (const char* name : {"A", "B"}) {
            k.spawn(name, [seen, name] {
                spin_lock(&seen->lock);
                ex::step("critical section", ex::object("data"), ex::Access::write);
                ++seen->inside;
                seen->most_inside = std::max(seen->most_inside, seen->inside);
                seen->most_ever = std::max(seen->most_ever, seen->inside);
                seen->order.emplace_back(name);
                ex::check(spin_is_held_by_current(&seen->lock), "holds the lock inside");
                ex::step("leave", ex::object("data"), ex::Access::write);
                --seen->inside;
                spin_unlock(&seen->lock);
            }, false);
        }
    });
    SUBCASE("scripted: B cannot run while A holds the lock, then gets it") {
        // A: lock + section; B's step takes the lock, so it is not ready (a held lock is not a
        // step: no attempt, no event); A: leave + unlock (enables B); B: lock + section, leave
        // + unlock.
        ScriptedStrategy strategy({"A", "A", "B", "B"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(report.steps == 4);
        CHECK(seen->most_inside == 1);
        CHECK(seen->order == std::vector<std::string>{"A", "B"});
        REQUIRE(report.findings.size() == 0);
        const ex::Trace& trace = strategy.last_trace();
        REQUIRE(trace.steps.size() == 4);
        CHECK(trace.steps[2].task == "B");
        CHECK(trace.steps[2].lock == "L");
        CHECK(trace.steps[2].access == ex::Access::write);
    }
    SUBCASE("scripted: B is not ready while A holds the lock") {
        ScriptedStrategy strategy({"A", "B"});
        run_scripted(program, strategy);
        CHECK(!strategy.divergence().empty());
        CHECK(strategy.divergence().find("the script runs B") != std::string::npos);
    }
    SUBCASE("every schedule: never two inside") {
        ex::Options options;
        options.max_executions = 10'000;
        auto report = ex::explore(program, options);
        CHECK(report.passed());
        CHECK(report.complete);
        CHECK(report.executions > 1);
        CHECK(seen->most_ever == 1);
    }
}

TEST_CASE("list_add_tail without kthread_create_lock is a lock-discipline violation") {
    struct Seen {
        KthreadCreateInfo* create = nullptr;
    };
    auto seen = std::make_shared<Seen>();
    auto world = tiny_world();
    auto program_with = [&](bool lock) {
        return tiny_program(world, [seen, lock](Kthreads& k) {
            KthreadCreateInfo& create = k.creates.emplace_back();
            create.block.name = "create@adder";
            create.block.obj = ex::object(create.block.name);
            init_block(create.block, true);
            seen->create = &create;
            k.spawn("adder", [seen, lock] {
                Kthreads& kk = model::world();
                if (lock) {
                    spin_lock(&kk.kthread_create_lock);
                }
                list_add_tail(&seen->create->block, &kk.kthread_create_list);
                if (lock) {
                    spin_unlock(&kk.kthread_create_lock);
                }
            }, false);
        });
    };
    SUBCASE("without the lock") {
        ScriptedStrategy strategy({"adder"});
        auto report = run_scripted(program_with(false), strategy);
        const ex::Failure& failure = only_failure(report);
        CHECK(failure.kind == ex::FailureKind::invariant);
        CHECK(failure.invariant == "lock-discipline");
        CHECK(failure.task == "adder");
        CHECK(failure.message == "adder calls list_add_tail on kthread_create_list without holding kthread_create_lock");
    }
    SUBCASE("with the lock: lock; list_add_tail; unlock is one step") {
        ScriptedStrategy strategy({"adder"});
        auto report = run_scripted(program_with(true), strategy);
        require_clean(report, strategy);
        CHECK(report.steps == 1);
        REQUIRE(world->k().kthread_create_list.entries.peek().size() == 1);
        CHECK(world->k().kthread_create_list.entries.peek().front() == &seen->create->block);
    }
}

TEST_CASE("kthread_create_lock: a section is one step unless it steps inside, in every era") {
    auto queue_one = [](std::shared_ptr<ktc_test::TinyWorld> world, bool wake_inside) {
        return tiny_program(world, [wake_inside](Kthreads& k) {
            KthreadCreateInfo& create = k.creates.emplace_back();
            create.block.name = "create@adder";
            create.block.obj = ex::object(create.block.name);
            init_block(create.block, true);
            TaskStruct* other = k.spawn("other", [] { ex::step("other", ex::object("x"), ex::Access::write); }, false);
            k.spawn("adder", [&create, other, wake_inside] {
                Kthreads& kk = model::world();
                spin_lock(&kk.kthread_create_lock);
                list_add_tail(&create.block, &kk.kthread_create_list);
                if (wake_inside) {
                    wake_up_process(other);  // 2.6.24's kthread_create() wakes kthreadd here
                }
                spin_unlock(&kk.kthread_create_lock);
            }, false);
        });
    };
    for (const char* variant : {"era-a", "era-e"}) {
        CAPTURE(variant);
        ModelConfig config;
        config.variant = variant;
        {
            ScriptedStrategy strategy({"adder", "other"});
            auto report = run_scripted(queue_one(tiny_world(config), false), strategy);
            require_clean(report, strategy);
            CHECK(report.steps == 2);
        }
        {
            // A wake-up inside the section: two steps, the lock held between them.
            ScriptedStrategy strategy({"adder", "adder", "other"});
            auto report = run_scripted(queue_one(tiny_world(config), true), strategy);
            require_clean(report, strategy);
            CHECK(report.steps == 3);
            CHECK(strategy.last_trace().steps[1].lock == "kthread_create_lock");
        }
        ex::Options options;
        auto report = ex::explore(queue_one(tiny_world(config), true), options);
        CHECK(report.passed());
        CHECK(report.complete);
    }
}

TEST_CASE("an empty section (lock, unlock) is one step of its own, ordered with the lock's other sections") {
    auto world = tiny_world();
    auto program = tiny_program(world, [](Kthreads& k) {
        for (const char* name : {"A", "B"}) {
            k.spawn(name, [] {
                Kthreads& kk = model::world();
                spin_lock(&kk.kthread_create_lock);
                spin_unlock(&kk.kthread_create_lock);
            }, false);
        }
    });
    ScriptedStrategy strategy({"A", "B"});
    auto report = run_scripted(program, strategy);
    require_clean(report, strategy);
    CHECK(report.steps == 2);
    CHECK(strategy.last_trace().steps[0].op == "spin_lock; spin_unlock");
    CHECK(strategy.last_trace().steps[0].lock == "kthread_create_lock");
}

// ---------------------------------------------------------------- heap

namespace {

// One heap block, and two tasks: `first` allocates and frees it, `second` does `what`.
ex::Program heap_program(const std::shared_ptr<ktc_test::TinyWorld>& world, const std::function<void(Block&)>& what,
                         Block** out) {
    return tiny_program(world, [what, out](Kthreads& k) {
        Block& b = k.new_block("create@r", /*on_stack=*/false);
        *out = &b;
        k.spawn("first", [&b] {
            ex::check(kmalloc(b, "kmalloc(create) fails"), "kmalloc cannot fail without the fault source");
            kfree(&b);
        }, false);
        k.spawn("second", [&b, what] { what(b); }, false);
    });
}

}  // namespace

TEST_CASE("heap: a double kfree is create-freed-once, naming both freers") {
    auto world = tiny_world();
    Block* block = nullptr;
    auto program = heap_program(world, [](Block& b) { kfree(&b); }, &block);
    ScriptedStrategy strategy({"first", "first", "second"});  // kmalloc, kfree; kfree
    auto report = run_scripted(program, strategy);
    const ex::Failure& failure = only_failure(report);
    CHECK(failure.invariant == "create-freed-once");
    CHECK(failure.task == "second");
    CHECK(failure.step == 2);
    CHECK(failure.message == "double free: second frees create@r after it was freed by first at step 1");
    REQUIRE(block != nullptr);
    CHECK(block->freed_by == "first");
}

TEST_CASE("heap: kfree of an on-stack object is create-freed-once") {
    auto world = tiny_world();
    auto program = tiny_program(world, [](Kthreads& k) {
        Block& b = k.new_block("frame@r", /*on_stack=*/true);
        k.spawn("freer", [&b] { kfree(&b); }, false);
    });
    ScriptedStrategy strategy({"freer"});
    auto report = run_scripted(program, strategy);
    const ex::Failure& failure = only_failure(report);
    CHECK(failure.invariant == "create-freed-once");
    CHECK(failure.message == "freer kfree()s frame@r, which is on a stack");
}

TEST_CASE("heap: an access after kfree is no-use-after-free") {
    auto world = tiny_world();
    Block* block = nullptr;
    auto program = heap_program(world, [](Block& b) {
        ex::step("task = create->result", b.obj, ex::Access::read);
        touch(b, "create->result");
    }, &block);
    SUBCASE("after the free") {
        ScriptedStrategy strategy({"first", "first", "second"});
        auto report = run_scripted(program, strategy);
        const ex::Failure& failure = only_failure(report);
        CHECK(failure.invariant == "no-use-after-free");
        CHECK(failure.task == "second");
        CHECK(failure.message == "second accesses create->result of create@r after it was freed by first at step 1");
    }
    SUBCASE("before the free: fine") {
        ScriptedStrategy strategy({"first", "second", "first"});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK_FALSE(block->live.peek());
    }
}

TEST_CASE("heap: kmalloc failure is a data choice of the kmalloc fault source, within its budget") {
    ModelConfig config;
    config.faults.kmalloc_failure = true;  // max_kmalloc_failures = 1
    auto world = tiny_world(config);
    struct Seen {
        bool first = false;
        bool second = false;
        Block* a = nullptr;
        Block* b = nullptr;
    };
    auto seen = std::make_shared<Seen>();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        seen->a = &k.new_block("a", false);
        seen->b = &k.new_block("b", false);
        k.spawn("allocator", [seen] {
            seen->first = kmalloc(*seen->a, "kmalloc(a) fails");
            seen->second = kmalloc(*seen->b, "kmalloc(b) fails");
        }, false);
    });
    SUBCASE("the first fails: the budget is spent, the second cannot fail") {
        ScriptedStrategy strategy({"allocator", "allocator"}, {{"kmalloc(a) fails", 1}});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK_FALSE(seen->first);
        CHECK_FALSE(seen->a->live.peek());
        CHECK(seen->second);
        CHECK(seen->b->live.peek());
        CHECK(strategy.labels() == std::vector<std::string>{"kmalloc(a) fails"});
        REQUIRE(report.findings.empty());
    }
    SUBCASE("the first succeeds: the second may fail") {
        ScriptedStrategy strategy({"allocator", "allocator"}, {{"kmalloc(a) fails", 0}, {"kmalloc(b) fails", 1}});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(seen->first);
        CHECK_FALSE(seen->second);
    }
    SUBCASE("without the fault source there is no choice") {
        auto plain = tiny_world();
        auto program2 = tiny_program(plain, [seen](Kthreads& k) {
            seen->a = &k.new_block("a", false);
            k.spawn("allocator", [seen] { seen->first = kmalloc(*seen->a, "kmalloc(a) fails"); }, false);
        });
        ScriptedStrategy strategy({"allocator"});
        auto report = run_scripted(program2, strategy);
        require_clean(report, strategy);
        CHECK(seen->first);
        CHECK(strategy.labels().empty());
    }
}

// ---------------------------------------------------------------- kernel_thread

namespace {

KthreadCreateInfo* child_saw = nullptr;

int child_entry(KthreadCreateInfo* create) {
    ex::step("child runs", create->block.obj, ex::Access::read);
    child_saw = create;
    return 0;
}

}  // namespace

TEST_CASE("kernel_thread: a fork failure (data choice) returns -EAGAIN, success spawns kthread@<requester>") {
    ModelConfig config;
    config.faults.fork_failure = true;
    auto world = tiny_world(config);
    struct Seen {
        Requester* r = nullptr;
        KthreadCreateInfo* create = nullptr;
        TaskStruct* child = nullptr;
        int pid = 0;
    };
    auto seen = std::make_shared<Seen>();
    auto program = tiny_program(world, [seen](Kthreads& k) {
        Requester& r = k.requesters.emplace_back();
        r.name = "requester0";
        seen->r = &r;
        KthreadCreateInfo& create = k.creates.emplace_back();
        create.block.name = "create@requester0";
        create.block.obj = ex::object(create.block.name);
        init_block(create.block, true);
        create.requester = &r;
        seen->create = &create;
        r.task = k.spawn("requester0", [seen] {
            KthreadCreateInfo* c = seen->create;
            seen->pid = kernel_thread("kthread@requester0", [c] { child_entry(c); }, nullptr, &seen->child);
        }, false);
    });
    child_saw = nullptr;
    SUBCASE("the fork fails") {
        ScriptedStrategy strategy({"requester0"}, {{"kernel_thread fails", 1}});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        CHECK(seen->pid == -EAGAIN);
        CHECK(seen->child == nullptr);
        CHECK(world->k().tasks.size() == 1);
        CHECK(child_saw == nullptr);
    }
    SUBCASE("the fork succeeds") {
        ScriptedStrategy strategy({"requester0", "kthread@requester0"}, {{"kernel_thread fails", 0}});
        auto report = run_scripted(program, strategy);
        require_clean(report, strategy);
        REQUIRE(seen->child != nullptr);
        TaskStruct* t = seen->child;
        CHECK(t->comm == "kthread@requester0");
        CHECK(seen->pid == static_cast<int>(t->tid) + 1);
        CHECK(seen->pid > 0);
        CHECK(world->k().tasks.size() == 2);
        CHECK(child_saw == seen->create);  // the thread started in fn(create)
    }
}

TEST_SUITE_END();
