// model/kthread/requester.hpp: a task calling kthread_create(), then using what it returned.
#pragma once

namespace model {

struct Requester;
struct TaskStruct;

// The requester task's body: kthread_create_on_node(), the return checks (valid-return),
// then the scenario's after-creation action on the new task.
void requester_main(Requester* requester);

// The caller's threadfn(data), run by the new thread once started: counts its runs and
// checks threadfn-after-wake; loops until kthread_should_stop() when the creator stops it.
int threadfn();

}  // namespace model
