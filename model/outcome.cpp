// model/outcome.cpp: the canonical summary of an execution's end state, on which strategies are
// cross-checked: each requester's return, what became of its create, and its thread's state.
#include "model/outcome.hpp"

#include "model/kthread/world.hpp"

namespace model {

namespace {

std::string return_text(const TaskOrErr& ret) {
    if (!ret.is_err()) {
        return ret.task == nullptr ? "NULL" : ret.task->comm;
    }
    return "ERR_PTR(" + std::to_string(ret.err) + ")";
}

std::string fate(const Block& block) {
    if (block.on_stack) {
        return "on the stack";
    }
    if (block.live.peek()) {
        return "allocated";
    }
    return block.freed_by.empty() ? "never allocated" : "freed by " + block.freed_by;
}

std::string task_text(const TaskStruct& t) {
    switch (explorer::state_of(t.tid)) {
        case explorer::TaskState::finished: return "finished";
        case explorer::TaskState::blocked: return std::string("blocked in ") + t.sleeping_in;
        default: return "running";
    }
}

}  // namespace

std::string describe_outcome(const Kthreads& k) {
    std::string out;
    for (const Requester& r : k.requesters) {
        out += r.name + ": " + (r.returned ? "returns " + return_text(r.ret) : task_text(*r.task));
        if (k.ghost.of(*r.task).got_fatal_signal) {
            out += " (killed)";
        }
        if (r.create != nullptr) {
            out += "; create " + fate(r.create->block);
            const Block* full_name = r.create->full_name.peek();
            if (full_name != nullptr) {
                out += ", full_name " + (k.ghost.owned_by_thread(*full_name) ? std::string("owned by the thread") : fate(*full_name));
            }
        }
        out += "; done completed by " + (r.done.completed_by.empty() ? std::string("nobody") : r.done.completed_by);
        out += "\n";
    }
    for (const NewThread& t : k.new_threads) {
        out += t.task->comm + ": " + task_text(*t.task) + ", threadfn ran " + std::to_string(k.ghost.of(*t.task).threadfn_runs) +
               (t.task->exited.peek() ? ", exit code " + std::to_string(t.task->exit_code.peek()) : "") + "\n";
    }
    return out;
}

}  // namespace model
