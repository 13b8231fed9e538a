// model/kernel/kernel.hpp: one execution's kernel: its tasks, objects, faults and checks (the
// protocol's state, model/kthread/world.hpp, builds on it; nothing here knows the protocol).
#pragma once

#include <bitset>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "explorer/api.hpp"
#include "model/config.hpp"
#include "model/invariant.hpp"
#include "model/kernel/completion.hpp"
#include "model/kernel/events.hpp"
#include "model/kernel/heap.hpp"
#include "model/kernel/spinlock.hpp"
#include "model/kernel/task_struct.hpp"

namespace model {

class Kernel {
public:
    explicit Kernel(const ModelConfig& config);
    virtual ~Kernel() = default;
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    // The kernel of the execution running on this thread.
    static Kernel& get();
    static Kernel* get_if_any();
    static void set_current(Kernel* kernel);

    // Who watches the kernel (the invariants' ghost state): told of wake-ups and signals.
    KernelEvents& events() { return *events_; }
    void set_events(KernelEvents* events) { events_ = events; }

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
    Completion& new_completion(const std::string& name, Block& storage);

    const ModelConfig& config;

    std::deque<Block> blocks;
    std::deque<Completion> completions;
    std::deque<TaskStruct> tasks;

    // Storage of the kernel's static objects: never dies.
    Block globals;

private:
    KernelEvents* events_;
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
