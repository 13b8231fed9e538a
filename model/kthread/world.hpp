// model/kthread/world.hpp: the protocol's state on top of the kernel: kernel/kthread.c's structs
// (kthread_create_info, struct kthread), its globals (kthread_create_lock, kthread_create_list,
// kthreadd_task, era A's kthread_stop_info), the requesters and the model's bookkeeping of them.
#pragma once

#include <deque>
#include <map>
#include <string>

#include "model/kernel/kernel.hpp"
#include "model/ghost.hpp"
#include "model/kernel/list.hpp"
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

// A cell holding a struct kthread pointer hashes it by the explorer object of its block.
std::uint64_t cell_hash(Kthread* const& kthread);

// The op of a step on one field of create: the field with `access`, the block as a read
// (so that it is ordered with kmalloc()/kfree(), which write the block).
inline explorer::Op create_field(const char* kind, const KthreadCreateInfo* create, CreateField field,
                                 explorer::Access access) {
    return explorer::Op{kind, create->field_obj[static_cast<std::size_t>(field)], access, create->block.obj,
                        explorer::Access::read};
}

// Requester i of a scenario is named requester_prefix + i (traces, outcomes, up_to_renaming()).
inline constexpr const char* requester_prefix = "requester";
inline std::string requester_name(std::size_t index) { return requester_prefix + std::to_string(index); }

// A task calling kthread_create(), and what the checks need to know about it.
struct Requester {
    std::string name;
    RequesterConfig config;
    TaskStruct* task = nullptr;
    KthreadCreateInfo* create = nullptr;
    Block done_frame;            // C-E: the frame holding DECLARE_COMPLETION_ONSTACK(done)
    Completion done;
    bool returned = false;
    TaskOrErr ret;
    TaskStruct* new_thread = nullptr;  // the thread forked for its request, if any
    // Symmetry (explorer/turn.hpp): the turn its queueing takes among the requesters it is
    // interchangeable with (no_object: none).
    explorer::ObjectId queue_turnstile = explorer::no_object;
    std::uint32_t queue_turn = 0;
};

// The model's own bookkeeping of a new thread (not a kernel structure).
struct NewThread {
    TaskStruct* task = nullptr;
    Requester* requester = nullptr;
};

// One execution's world: the kernel and the protocol running on it.
class Kthreads : public Kernel {
public:
    Kthreads(const ModelConfig& config, const Variant& variant, const KthreadOps& ops);

    const Variant& variant;
    const KthreadOps& ops;
    Ghost ghost;  // what the invariants record (the kernel's events go to it)

    TaskStruct* kthreadd_task = nullptr;
    Spinlock kthread_create_lock;
    ListHead kthread_create_list;
    std::deque<Requester> requesters;
    std::deque<KthreadCreateInfo> creates;
    std::deque<Kthread> kthreads;
    std::deque<NewThread> new_threads;

    // Era A: the global kthread_stop_info and kthread_stop_lock (a mutex: mutual exclusion
    // with sleeping waiters, as the model's spinlock provides).
    struct StopInfo {
        explorer::Cell<TaskStruct*> k;  // on obj
        explorer::Cell<int> err;        // on obj
        Completion done;
        explorer::ObjectId obj = explorer::no_object;
    } kthread_stop_info;
    Spinlock kthread_stop_lock;

    // The model's bookkeeping by task (never read by model decisions about shared state).
    NewThread* thread_of(const TaskStruct* task) const;     // a new thread's task
    KthreadCreateInfo* create_of(const Block* block);       // list_entry(): the create a list entry is in

    std::map<const TaskStruct*, NewThread*> thread_by_task;
};

// The world of the execution running on this thread (model code of the protocol).
inline Kthreads& world() { return static_cast<Kthreads&>(Kernel::get()); }

// list_entry(head->next, struct kthread_create_info, list): inside the step that read the list.
inline KthreadCreateInfo* list_first_entry(ListHead* head) { return world().create_of(list_first(head)); }

}  // namespace model
