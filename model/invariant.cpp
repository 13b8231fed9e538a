// model/invariant.cpp: names and summaries of the invariants (protocol.md's list).
#include <array>

#include "model/invariant.hpp"

namespace model {

namespace {

const std::array<InvariantInfo, invariant_count> infos{{
    {Invariant::no_lost_wakeup, "no-lost-wakeup",
     "quiescent with a task blocked for ever that another task expected to run: a request queued while kthreadd "
     "sleeps, a requester or a completion's waiter waiting for ever, a new thread asleep after its requester woke, "
     "stopped or unparked it"},
    {Invariant::create_freed_once, "create-freed-once",
     "create (and full_name) freed exactly once: a double free when it happens, a leak at quiescence"},
    {Invariant::no_use_after_free, "no-use-after-free",
     "no access to create (or another freed or returned-from object) after it died"},
    {Invariant::completion_alive, "completion-alive",
     "no complete() or wait on a completion whose storage died (the requester's on-stack done after it "
     "returned)"},
    {Invariant::threadfn_after_wake, "threadfn-after-wake",
     "threadfn runs at most once, only after the first wake-up, never when kthread_stop() came first"},
    {Invariant::valid_return, "valid-return",
     "kthread_create() returns a live task (its own), the fork error, -ENOMEM after a failed allocation, or "
     "-EINTR only when killed"},
    {Invariant::lock_discipline, "lock-discipline",
     "kthread_create_list is changed only with kthread_create_lock held"},
    {Invariant::killed_requester_returns, "killed-requester-returns",
     "a requester that received a fatal signal returns from kthread_create() within the execution"},
}};

}  // namespace

const InvariantInfo& info(Invariant invariant) { return infos[static_cast<std::size_t>(invariant)]; }

const char* name_of(Invariant invariant) { return info(invariant).name; }

bool invariant_by_name(const std::string& name, Invariant* invariant) {
    for (const InvariantInfo& entry : infos) {
        if (name == entry.name) {
            *invariant = entry.id;
            return true;
        }
    }
    return false;
}

}  // namespace model
