// model/kernel/kernel.cpp: the per-execution kernel world: tasks, budgets, violations.
#include "model/kernel/kernel.hpp"

namespace model {

namespace {
thread_local Kernel* current_kernel = nullptr;

// A kernel nobody watches tells no one.
class NoEvents final : public KernelEvents {
public:
    void woken(const TaskStruct&) override {}
    void fatal_signal_delivered(const TaskStruct&) override {}
};
NoEvents no_events;
}

Kernel& Kernel::get() {
    if (current_kernel == nullptr) {
        throw std::logic_error("model code ran outside an execution of the model");
    }
    return *current_kernel;
}

Kernel* Kernel::get_if_any() { return current_kernel; }

void Kernel::set_current(Kernel* kernel) { current_kernel = kernel; }

Kernel::Kernel(const ModelConfig& cfg)
    : config(cfg),
      events_(&no_events),
      kmalloc_left_(cfg.faults.kmalloc_failure ? cfg.faults.max_kmalloc_failures : 0),
      fork_left_(cfg.faults.fork_failure ? cfg.faults.max_fork_failures : 0),
      oom_left_(cfg.faults.oom ? 1 : 0) {
    set_current(this);  // the objects made below register with this execution's kernel
    if (cfg.invariants.empty()) {
        checking_.set();
    }
    for (const std::string& name : cfg.invariants) {
        Invariant invariant;
        if (invariant_by_name(name, &invariant)) {
            checking_.set(static_cast<std::size_t>(invariant));
        }
    }
    globals.name = "kernel globals";
    init_block(globals, true);
}

TaskStruct* Kernel::spawn(const std::string& comm, std::function<void()> body, bool daemon) {
    TaskStruct& task = tasks.emplace_back();
    task.comm = comm;
    task.obj = explorer::object(comm);
    task.state.create(task.obj, "state", TASK_RUNNING);
    task.asleep.create(task.obj, "asleep", false);
    task.fatal_signal.create(task.obj, "fatal_signal", false);
    task.memdie.create(task.obj, "memdie", false);
    task.exited.create(task.obj, "exited", false);
    task.exit_code.create(task.obj, "exit_code", 0);
    task.vfork_done.create(task.obj, "vfork_done", nullptr);
    task.kthread.create_unset(task.obj, "kthread");
    task.mm_obj = explorer::object(comm + ".mm");
    task.oom_candidate.create(task.mm_obj, "oom_candidate", false);
    task.oom_victim.create(task.mm_obj, "oom_victim", false);
    task.mm_released.create(task.mm_obj, "mm_released", false);
    task.oom_waiter.create(task.mm_obj, "oom_waiter", nullptr);
    task.tid = explorer::spawn(comm, std::move(body), daemon ? explorer::TaskKind::daemon : explorer::TaskKind::worker);
    by_tid_[task.tid] = &task;
    return &task;
}

void Kernel::violation(Invariant invariant, const std::string& message) {
    if (checking(invariant)) {
        explorer::fail(name_of(invariant), message);
    }
}

bool Kernel::inject_kmalloc_failure(const char* what) {
    if (kmalloc_left_ == 0 || explorer::choose(2, what) == 0) {
        return false;
    }
    --kmalloc_left_;
    return true;
}

bool Kernel::inject_fork_failure() {
    if (fork_left_ == 0 || explorer::choose(2, "kernel_thread fails") == 0) {
        return false;
    }
    --fork_left_;
    return true;
}

Block& Kernel::new_block(const std::string& name, bool on_stack) {
    Block& block = blocks.emplace_back();
    block.name = name;
    block.obj = explorer::object(name);
    block.on_stack = on_stack;
    init_block(block, on_stack);  // on-stack objects exist from their declaration; heap ones from kmalloc
    return block;
}

Completion& Kernel::new_completion(const std::string& name, Block& storage) {
    Completion& x = completions.emplace_back();
    init_completion(x, name, storage);
    return x;
}

}  // namespace model
