// model/kthread/world.cpp: the protocol's globals (kernel/kthread.c's statics) and bookkeeping lookups.
#include "model/kthread/world.hpp"

namespace model {

Kthreads::Kthreads(const ModelConfig& cfg, const Variant& var, const KthreadOps& table)
    : Kernel(cfg), variant(var), ops(table) {
    set_events(&ghost);
    kthread_create_lock.name = "kthread_create_lock";
    kthread_create_lock.obj = explorer::object(kthread_create_lock.name);
    kthread_create_list.name = "kthread_create_list";
    kthread_create_list.obj = explorer::object(kthread_create_list.name);
    kthread_create_list.lock = &kthread_create_lock;
    kthread_create_list.entries.create(kthread_create_list.obj, "entries", {});
    kthread_stop_info.obj = explorer::object("kthread_stop_info");
    init_completion(kthread_stop_info.done, "kthread_stop_info.done", globals);
    kthread_stop_info.k.create(kthread_stop_info.obj, "k", nullptr);
    kthread_stop_info.err.create(kthread_stop_info.obj, "err", 0);
    kthread_stop_lock.name = "kthread_stop_lock";
    kthread_stop_lock.obj = explorer::object(kthread_stop_lock.name);
}

NewThread* Kthreads::thread_of(const TaskStruct* task) const {
    auto found = thread_by_task.find(task);
    return found == thread_by_task.end() ? nullptr : found->second;
}

KthreadCreateInfo* Kthreads::create_of(const Block* block) {
    for (KthreadCreateInfo& create : creates) {
        if (&create.block == block) {
            return &create;
        }
    }
    explorer::model_fault("list_entry() of " + block->name + ", which is no kthread_create_info");
}

}  // namespace model
