// model/kthread/era_d.hpp: era D's after-creation functions, which era E keeps.
#pragma once

#include "model/kthread/protocol.hpp"

namespace model {

struct Kthread;

// kernel/kthread.c (4.19): __kthread_parkme(), kthread_park(), kthread_unpark()
void era_d_kthread_parkme(Kthread* self);
int era_d_kthread_park(TaskStruct* k);
void era_d_kthread_unpark(TaskStruct* k);

}  // namespace model
