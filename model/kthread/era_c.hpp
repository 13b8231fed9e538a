// model/kthread/era_c.hpp: era C's functions that later eras and flavours reuse.
#pragma once

#include <optional>

#include "model/kthread/protocol.hpp"

namespace model {

// kernel/kthread.c (3.13-4.9)
void era_c_create_kthread(KthreadCreateInfo* create);
void era_c_fork_failed(KthreadCreateInfo* create, int pid);
void era_c_report_fork_failure(KthreadCreateInfo* create, Completion* done, int pid);
TaskOrErr era_c_kthread_create_on_node(Requester* requester);
std::optional<TaskOrErr> era_c_killed_while_waiting(KthreadCreateInfo* create, Completion* done);
Completion* era_c_kthread_take_done(KthreadCreateInfo* create);
KthreadOps era_c_ops();

}  // namespace model
