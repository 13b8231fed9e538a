// model/ghost.cpp: the invariants' ghost state, kept by task id and block object.
#include "model/ghost.hpp"

#include <algorithm>
#include <stdexcept>

#include "model/kernel/heap.hpp"
#include "model/kernel/task_struct.hpp"

namespace model {

TaskGhost& Ghost::of(const TaskStruct& task) {
    if (task.tid == explorer::no_task) {
        throw std::logic_error("ghost state of " + task.comm + " before its task exists");
    }
    if (task.tid >= tasks_.size()) {
        tasks_.resize(task.tid + 1);
    }
    return tasks_[task.tid];
}

const TaskGhost& Ghost::of(const TaskStruct& task) const {
    static const TaskGhost nothing_happened;
    return task.tid < tasks_.size() ? tasks_[task.tid] : nothing_happened;
}

void Ghost::hand_to_thread(const Block& block) { handed_to_thread_.push_back(block.obj); }

bool Ghost::owned_by_thread(const Block& block) const {
    return std::find(handed_to_thread_.begin(), handed_to_thread_.end(), block.obj) != handed_to_thread_.end();
}

}  // namespace model
