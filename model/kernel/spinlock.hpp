// model/kernel/spinlock.hpp: spinlock_t (a contended acquire waits until the release).
#pragma once

#include <string>
#include <vector>

#include "explorer/op.hpp"

namespace model {

struct TaskStruct;

struct Spinlock {
    std::string name;
    explorer::ObjectId obj = explorer::no_object;
    TaskStruct* owner = nullptr;
    std::vector<TaskStruct*> spinners;
};

void spin_lock(Spinlock* lock);
void spin_unlock(Spinlock* lock);

}  // namespace model
