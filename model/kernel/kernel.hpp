// model/kernel/kernel.hpp: one execution's kernel: its tasks, objects, faults and checks.
#pragma once

#include <bitset>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "explorer/api.hpp"
#include "model/config.hpp"
#include "model/invariants/invariant.hpp"
#include "model/kernel/completion.hpp"
#include "model/kernel/heap.hpp"
#include "model/kernel/list.hpp"
#include "model/kernel/spinlock.hpp"
#include "model/kernel/task_struct.hpp"
#include "model/kthread/protocol.hpp"

namespace model {

enum class CreateField : std::uint8_t { threadfn, result, done, full_name };

// kernel/kthread.c: struct kthread_create_info (the union of every era's fields).
struct KthreadCreateInfo {
    Block block;                 // kmalloc'd (eras C-E) or on the requester's stack (A, B)
    // One object per field the protocol races on: the xchg of ->done commutes with reads of
    // ->threadfn, yet both are ordered with the kfree() of the block.
    explorer::ObjectId field_obj[4] = {explorer::no_object, explorer::no_object, explorer::no_object,
                                       explorer::no_object};
    Requester* requester = nullptr;
    explorer::Cell<TaskOrErr> result;      // create->result, on field_obj[result]
    explorer::Cell<Completion*> done;      // C-E: &done on the requester's stack; the ownership token
    Completion done_embedded;    // A, B: create.done
    Completion started;          // A: create.started
    explorer::Cell<Block*> full_name;      // E: kvasprintf()'d name, on field_obj[full_name]
};

// kernel/kthread.c: struct kthread (eras B-E): on the thread's stack (B, C) or kzalloc'd (D, E).
struct Kthread {
    Block block;
    // One object per flag bit: atomic bit operations on different bits commute.
    explorer::ObjectId bit_obj[3] = {explorer::no_object, explorer::no_object, explorer::no_object};
    explorer::Cell<bool> should_stop;  // KTHREAD_SHOULD_STOP, on bit_obj[0]
    explorer::Cell<bool> should_park;  // KTHREAD_SHOULD_PARK, on bit_obj[1]
    explorer::Cell<bool> is_parked;    // KTHREAD_IS_PARKED, on bit_obj[2]
    Completion exited;
    Completion parked;
    Block* full_name = nullptr;  // E: self->full_name, freed with the task (the thread's own)
    explorer::Cell<int> result;  // E: kthread_exit(result) stores it for kthread_stop(); on block.obj
};

// The op of a step on one field of create: the field with `access`, the block as a read
// (so that it is ordered with kmalloc()/kfree(), which write the block).
inline explorer::Op create_field(const char* kind, const KthreadCreateInfo* create, CreateField field,
                                 explorer::Access access) {
    return explorer::Op{kind, create->field_obj[static_cast<std::size_t>(field)], access, create->block.obj,
                        explorer::Access::read};
}

// A task calling kthread_create(), and what the checks need to know about it.
struct Requester {
    int index = 0;
    std::string name;
    RequesterConfig config;
    TaskStruct* task = nullptr;
    KthreadCreateInfo* create = nullptr;
    Block done_frame;            // C-E: the frame holding DECLARE_COMPLETION_ONSTACK(done)
    Completion done;
    bool returned = false;
    TaskOrErr ret;
    bool allocation_failed = false;  // an allocation for its request failed (-ENOMEM is legal)
    bool fork_failed = false;        // the fork for its request failed (the fork error is legal)
    TaskStruct* new_thread = nullptr;  // the thread forked for its request, if any
    bool stop_before_wake = false;     // kthread_stop() reached the thread before any wake-up
};

// The model's own bookkeeping of a new thread (not a kernel structure).
struct NewThread {
    TaskStruct* task = nullptr;
    Requester* requester = nullptr;
    unsigned threadfn_runs = 0;
    bool in_first_sleep = false;  // asleep in kthread()'s schedule() after complete(done)
    // Its requester woke, stopped or unparked it: blocked for ever after that is a lost wake-up.
    bool expected_to_run = false;
    const char* expected_by = "";
};

class Kernel {
public:
    Kernel(const ModelConfig& config, const Variant& variant, const KthreadOps& ops);
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // The kernel of the execution running on this thread.
    static Kernel& get();
    static Kernel* get_if_any();
    static void set_current(Kernel* kernel);

    // Every completion initialised in this execution (for the lost wake-up check).
    void register_completion(const Completion* x) { completions_in_use_.push_back(x); }
    const std::vector<const Completion*>& completions_in_use() const { return completions_in_use_; }

    // Creates a task_struct and its explorer task.
    TaskStruct* spawn(const std::string& comm, std::function<void()> body, bool daemon);
    TaskStruct& task(explorer::TaskId tid) { return *by_tid_[tid]; }
    TaskStruct& running() { return task(explorer::self()); }

    // A violation of `invariant` seen at the current step: the execution stops (when the
    // scenario checks that invariant; otherwise the model carries on).
    void violation(Invariant invariant, const std::string& message);
    bool checking(Invariant invariant) const { return checking_[static_cast<std::size_t>(invariant)]; }

    // Fault budgets: whether this allocation/fork may fail here (a data choice when it may).
    bool inject_kmalloc_failure(const char* what);
    bool inject_fork_failure();
    bool oom_possible() const { return config.faults.oom && oom_left_ > 0; }
    void use_oom() { --oom_left_; }

    Block& new_block(const std::string& name, bool on_stack);
    Completion& new_completion(const std::string& name, const Block& storage);

    const ModelConfig& config;
    const Variant& variant;
    const KthreadOps& ops;

    TaskStruct* kthreadd_task = nullptr;
    Spinlock kthread_create_lock;
    CreateList kthread_create_list;
    std::deque<Requester> requesters;
    std::deque<KthreadCreateInfo> creates;
    std::deque<Kthread> kthreads;
    std::deque<NewThread> new_threads;
    std::deque<Block> blocks;
    std::deque<Completion> completions;
    std::deque<TaskStruct> tasks;

    // Storage of the kernel's static objects: never dies.
    Block globals;
    // Era A: the global kthread_stop_info and kthread_stop_lock (a mutex: mutual exclusion
    // with sleeping waiters, as the model's spinlock provides).
    struct StopInfo {
        explorer::Cell<TaskStruct*> k;  // on obj
        explorer::Cell<int> err;        // on obj
        Completion done;
        explorer::ObjectId obj = explorer::no_object;
    } kthread_stop_info;
    Spinlock kthread_stop_lock;

private:
    std::vector<const Completion*> completions_in_use_;
    std::bitset<invariant_count> checking_;
    unsigned kmalloc_left_;
    unsigned fork_left_;
    unsigned oom_left_;
    TaskStruct* by_tid_[explorer::Execution::max_tasks] = {};
};

// Shorthand used by model code that reads like the kernel: `current` is running().
inline Kernel& kernel() { return Kernel::get(); }

}  // namespace model
