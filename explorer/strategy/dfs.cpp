// explorer/strategy/dfs.cpp: exhaustive depth-first search.
#include "explorer/strategy/dfs.hpp"

#include "explorer/runtime/execution.hpp"

namespace explorer {

bool DfsStrategy::begin_execution() {
    depth_ = 0;
    if (!started_) {
        started_ = true;
        return true;
    }
    while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().count) {
        ops_.resize(stack_.back().first_op);
        stack_.pop_back();
    }
    if (stack_.empty()) {
        return false;
    }
    ++stack_.back().chosen;
    return true;
}

std::size_t DfsStrategy::diverged(std::size_t count, const std::string& what) {
    divergence_ = "choice point " + std::to_string(depth_) + ": " + what +
                  " differs from an earlier execution with the same choices: the program "
                  "depends on something other than its choices";
    (void)count;
    return Strategy::diverged;
}

std::size_t DfsStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    std::uint64_t mask = 0;
    for (TaskId id : ready) {
        mask |= std::uint64_t{1} << id;
    }
    auto count = static_cast<std::uint32_t>(ready.size());
    if (depth_ < stack_.size()) {
        const Point& point = stack_[depth_];
        if (point.is_value || point.count != count || point.context != mask) {
            return diverged(count, "the set of ready tasks");
        }
        for (std::size_t i = 0; i < ready.size(); ++i) {
            if (!(ops_[point.first_op + i] == execution.task(ready[i]).pending)) {
                return diverged(count, "the pending operation of " + execution.task(ready[i]).name);
            }
        }
        ++depth_;
        return point.chosen;
    }
    stack_.push_back({count, 0, mask, ops_.size(), false});
    for (TaskId id : ready) {
        ops_.push_back(execution.task(id).pending);
    }
    ++depth_;
    return 0;
}

std::size_t DfsStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    std::uint64_t step = execution.events().size();
    Op op{label, execution.events().back().task, Access::none};
    if (depth_ < stack_.size()) {
        const Point& point = stack_[depth_];
        if (!point.is_value || point.count != count || point.context != step || !(ops_[point.first_op] == op)) {
            return diverged(count, std::string("the data choice ") + label);
        }
        ++depth_;
        return point.chosen;
    }
    stack_.push_back({static_cast<std::uint32_t>(count), 0, step, ops_.size(), true});
    ops_.push_back(op);
    ++depth_;
    return 0;
}

void DfsStrategy::end_execution(const Execution& execution) {
    (void)execution;
    // An execution that stopped early (a failure) explored only its prefix; backtrack from there.
    if (depth_ < stack_.size()) {
        ops_.resize(stack_[depth_].first_op);
        stack_.resize(depth_);
    }
}

}  // namespace explorer
