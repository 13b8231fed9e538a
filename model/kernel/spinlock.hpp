// model/kernel/spinlock.hpp: spinlock_t (a contended acquire waits until the release).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "explorer/op.hpp"

namespace model {

struct TaskStruct;

// A lock has atomic sections when no section under it ever reaches a scheduling point
// (no sleeping, no wake-up, one list operation): then lock(R) op(N) unlock(L) is a single
// step by Lipton's reduction, since the acquire moves right and the release moves left
// past every step of every other task. Such a lock is never seen held at a scheduling
// point, so it declares no object: the section's one step is the operation it guards.
// Otherwise (era A's kthread_create_lock: the section wakes kthreadd) the acquire and the
// release are steps of their own.
struct Spinlock {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
    bool atomic_sections = false;
    TaskStruct* owner = nullptr;
    std::uint64_t taken_at = 0;  // atomic sections: the step that took it
    std::vector<TaskStruct*> spinners;
};

void spin_lock(Spinlock* lock);
void spin_unlock(Spinlock* lock);

// Atomic sections: called right after the step of the section's operation, takes the lock
// that the current task's spin_lock() asked for (if any).
void enter_atomic_section(Spinlock* lock);

}  // namespace model
