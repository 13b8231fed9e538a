// model/kernel/wake.hpp: the effect of a wake-up inside a step that already holds the locks.
#pragma once

#include "model/kernel/task_struct.hpp"

namespace model {

// try_to_wake_up() without its own scheduling point: used where the kernel wakes a task
// while holding a lock that makes it part of a larger atomic step (signal delivery).
int ttwu(TaskStruct* p, unsigned state);

}  // namespace model
