// explorer/strategy/pct.cpp: probabilistic concurrency testing.
#include "explorer/strategy/pct.hpp"

#include <algorithm>

#include "explorer/runtime/execution.hpp"

namespace explorer {

namespace {

constexpr std::uint64_t bit(TaskId id) {
    return std::uint64_t{1} << id;
}

}  // namespace

bool PctStrategy::begin_execution() {
    rng_ = Rng(seed_, executions_++);
    order_.clear();
    unlowered_ = 0;
    next_change_ = 0;
    change_points_.clear();
    // Distinct change points: a repeated one would lower twice at the same step, leaving the
    // depth effectively smaller than asked for.
    std::uint64_t wanted = std::min<std::uint64_t>(depth_ - 1, length_estimate_);
    while (change_points_.size() < wanted) {
        std::uint64_t point = rng_.below(length_estimate_);
        if (std::find(change_points_.begin(), change_points_.end(), point) == change_points_.end()) {
            change_points_.push_back(point);
        }
    }
    std::sort(change_points_.begin(), change_points_.end());
    return true;
}

std::size_t PctStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    // Tasks appear in spawn order (ascending ids); each takes a uniform place among the tasks
    // that still have their initial priority, above every lowered one.
    for (auto id = static_cast<TaskId>(order_.size()); id < execution.task_count(); ++id) {
        auto place = static_cast<std::ptrdiff_t>(rng_.below(unlowered_ + 1));
        order_.insert(order_.begin() + place, id);
        ++unlowered_;
    }
    std::uint64_t mask = 0;
    for (TaskId id : ready) {
        mask |= bit(id);
    }
    auto highest = [&] {
        return static_cast<std::size_t>(
            std::find_if(order_.begin(), order_.end(), [&](TaskId id) { return (mask & bit(id)) != 0; }) -
            order_.begin());
    };
    std::size_t top = highest();
    std::uint64_t step = execution.events().size();
    if (next_change_ < change_points_.size() && change_points_[next_change_] == step) {
        ++next_change_;
        // Lower the task about to run below every other: it goes last, so that a later change
        // point puts its own task lower still.
        TaskId lowered = order_[top];
        if (top < unlowered_) {
            --unlowered_;
        }
        order_.erase(order_.begin() + static_cast<std::ptrdiff_t>(top));
        order_.push_back(lowered);
        top = highest();
    }
    TaskId chosen = order_[top];
    return static_cast<std::size_t>(std::find(ready.begin(), ready.end(), chosen) - ready.begin());
}

std::size_t PctStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    (void)execution;
    (void)label;
    return static_cast<std::size_t>(rng_.below(count));
}

void PctStrategy::end_execution(const Execution& execution) {
    // The estimate of N follows the longest execution seen (the first one replaces the guess).
    std::uint64_t steps = std::max<std::uint64_t>(execution.events().size(), 1);
    length_estimate_ = seen_one_ ? std::max(length_estimate_, steps) : steps;
    seen_one_ = true;
}

}  // namespace explorer
