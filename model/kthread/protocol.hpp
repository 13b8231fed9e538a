// model/kthread/protocol.hpp: the protocol as an ops table (one era's kernel/kthread.c), variants
// and mutations. A mutation copies a variant's table and replaces the entries it breaks.
#pragma once

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "model/invariant.hpp"

namespace model {

struct Completion;
struct Kthread;
struct KthreadCreateInfo;
struct Requester;
struct TaskStruct;

// ERR_PTR-or-task, as kthread_create() returns it.
struct TaskOrErr {
    TaskStruct* task = nullptr;
    int err = 0;  // -errno when IS_ERR()
    bool is_err() const { return err != 0; }
};
inline TaskOrErr ERR_PTR(int err) { return {nullptr, err}; }
std::uint64_t cell_hash(const TaskOrErr& value);

// Error numbers are <cerrno>'s, which on Linux are the kernel's (ENOMEM 12, EINTR 4, ...).
// The fork error the model injects is -EAGAIN (copy_process() failing on a limit).

struct KthreadOps {
    // kernel/kthread.c: kthreadd() K1-K3: sleep until kthread_create_list is not empty.
    void (*kthreadd_wait_for_work)();
    // kernel/kthread.c: kthreadd() K4-K5: take the requests off the list, create each.
    void (*kthreadd_create_requests)();
    // kernel/kthread.c: create_kthread()
    void (*create_kthread)(KthreadCreateInfo* create);
    // kernel/kthread.c: kthread() of eras B-E, "OK, tell user we're spawned, wait for stop or
    // wakeup": __set_current_state(TASK_UNINTERRUPTIBLE); create->result = current;
    // complete(done); schedule().
    void (*kthread_report_spawned)(KthreadCreateInfo* create, Completion* done);
    // kernel/kthread.c: kthread() of eras B-E once woken: ret = -EINTR;
    // if (!test_bit(KTHREAD_SHOULD_STOP, ...)) { __kthread_parkme(self); ret = threadfn(data); }
    int (*kthread_run_threadfn)(Kthread* self);
    // kernel/kthread.c: __kthread_parkme() (eras C-E; nullptr: the era has no parking).
    void (*kthread_parkme)(Kthread* self);
    // kernel/kthread.c: kthread(), the entry of every new kernel thread.
    int (*kthread)(KthreadCreateInfo* create);
    // kernel/kthread.c: kthread_create_on_node(), the requester.
    TaskOrErr (*kthread_create_on_node)(Requester* requester);
    // kthread_create_on_node(): list_add_tail() under kthread_create_lock, then
    // wake_up_process(kthreadd_task) (era A: inside the section).
    void (*queue_request)(KthreadCreateInfo* create);
    // eras C-E: the requester's path once wait_for_completion_killable() failed; nullopt
    // when it goes on to read create->result.
    std::optional<TaskOrErr> (*killed_while_waiting)(KthreadCreateInfo* create, Completion* done);
    // eras C-E: done = xchg(&create->done, NULL) in kthread().
    Completion* (*kthread_take_done)(KthreadCreateInfo* create);
    // eras C-E: kthread() once its xchg found the requester gone: release the structure.
    void (*kthread_release_create)(KthreadCreateInfo* create);
    // eras C-E: create_kthread() after kernel_thread() failed.
    void (*fork_failed)(KthreadCreateInfo* create, int pid);
    // eras C-E: fork_failed() with the requester still waiting: create->result = ERR_PTR(pid);
    // complete(done).
    void (*report_fork_failure)(KthreadCreateInfo* create, Completion* done, int pid);
    // After creation.
    bool (*kthread_should_stop)();
    int (*kthread_stop)(TaskStruct* k);
    int (*kthread_park)(TaskStruct* k);     // nullptr: the era has no parking
    void (*kthread_unpark)(TaskStruct* k);
};

enum class Era : std::uint8_t { A, B, C, D, E };

struct Variant {
    const char* name;      // e.g. "era-c"
    Era era;
    const char* kernels;   // e.g. "3.13-4.9"
    const char* summary;
    KthreadOps ops;
    bool has_park;
    bool killable;         // a fatal signal can end the requester's wait
    // Invariants this variant is known to break, with the condition (documented history).
    std::vector<std::pair<Invariant, const char*>> known_violations;
};

// The verdict a mutation is expected to get, per memory model.
enum class MemoryModel : std::uint8_t { sc, tso };
const char* to_string(MemoryModel model);

struct Expectation {
    MemoryModel memory;
    std::optional<Invariant> fails;  // nullopt: passes
    bool model_fault = false;        // a bug in the model itself: refused (exit 3), not judged
};

struct Mutation {
    const char* name;
    const char* summary;
    bool (*applies_to)(const Variant& variant);
    // Replaces the entries it breaks in `ops`, the table of `variant` (after earlier mutations).
    void (*apply)(KthreadOps& ops, const Variant& variant);
    std::vector<Expectation> expected;
    // What the shortest counterexample needs (one requester): in words, and as knobs.
    const char* needs;
    bool needs_fatal_signal = false;
    bool needs_fork_failure = false;
    AfterCreation needs_after = AfterCreation::wake;
    unsigned needs_requesters = 1;  // e.g. 2 for a rewrite of the list's locking

    // Its expected verdict under `memory`; nullptr when none is recorded.
    const Expectation* expectation(MemoryModel memory) const;
    // The configuration its shortest counterexample needs, on `variant`: one requester.
    ModelConfig config_on(const Variant& variant) const;
};

// Registration: each variant/mutation file registers itself at start-up.
const std::vector<const Variant*>& variants();
const std::vector<const Mutation*>& mutations();
const Variant* find_variant(const std::string& name);
const Mutation* find_mutation(const std::string& name);

struct VariantRegistrar {
    explicit VariantRegistrar(const Variant& variant);
};
struct MutationRegistrar {
    explicit MutationRegistrar(const Mutation& mutation);
};

}  // namespace model
