// explorer/strategy/stateful.cpp: depth-first search with state caching on the execution's fingerprint.
#include "explorer/strategy/stateful.hpp"

#include "explorer/runtime/execution.hpp"

namespace explorer {

bool StatefulStrategy::begin_execution() {
    depth_ = 0;
    if (!started_) {
        started_ = true;
        return true;
    }
    while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().count) {
        stack_.pop_back();
    }
    if (stack_.empty()) {
        return false;
    }
    ++stack_.back().chosen;
    if (!stack_.back().is_value) {
        ++transitions_;  // a transition is a task's step from a state; data choices are inside steps
    }
    return true;
}

std::size_t StatefulStrategy::diverged(const std::string& what) {
    divergence_ = "choice point " + std::to_string(depth_) + ": " + what +
                  " differs from an earlier execution with the same choices: the program depends on "
                  "something other than its choices";
    return Strategy::diverged;
}

std::size_t StatefulStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    std::uint64_t mask = 0;
    for (TaskId id : ready) {
        mask |= std::uint64_t{1} << id;
    }
    if (depth_ < stack_.size()) {
        const Point& point = stack_[depth_];
        if (point.is_value || point.context != mask) {
            return diverged("the set of ready tasks");
        }
        ++depth_;
        return point.chosen;
    }
    // A new state: explored only the first time it is reached.
    if (!visited_.insert(execution.fingerprint()).second) {
        return Strategy::prune;
    }
    stack_.push_back({static_cast<std::uint32_t>(ready.size()), 0, mask, false});
    ++transitions_;
    ++depth_;
    return 0;
}

std::size_t StatefulStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    std::uint64_t step = execution.events().size();
    if (depth_ < stack_.size()) {
        const Point& point = stack_[depth_];
        if (!point.is_value || point.count != count || point.context != step) {
            return diverged(std::string("the data choice ") + label);
        }
        ++depth_;
        return point.chosen;
    }
    stack_.push_back({static_cast<std::uint32_t>(count), 0, step, true});
    ++depth_;
    return 0;
}

void StatefulStrategy::end_execution(const Execution& execution) {
    (void)execution;
    if (depth_ < stack_.size()) {
        stack_.resize(depth_);  // stopped early (a failure): backtrack from where it stopped
    }
}

SearchStats StatefulStrategy::stats() const {
    SearchStats s;
    s.stateful = true;
    s.states = visited_.size();
    s.transitions = transitions_;
    // The visited set's nodes and buckets, and the stack: what the search keeps.
    s.bytes = visited_.size() * (sizeof(std::uint64_t) + 2 * sizeof(void*)) +
              visited_.bucket_count() * sizeof(void*) + stack_.capacity() * sizeof(Point);
    return s;
}

}  // namespace explorer
