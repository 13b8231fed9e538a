// explorer/strategy/bounded.cpp: iterative preemption bounding.
#include "explorer/strategy/bounded.hpp"

#include <algorithm>
#include <bit>

#include "explorer/runtime/execution.hpp"

namespace explorer {

namespace {

constexpr std::uint64_t bit(TaskId id) {
    return std::uint64_t{1} << id;
}

TaskId lowest(std::uint64_t mask) {
    return static_cast<TaskId>(std::countr_zero(mask));
}

// The n-th (0-based) task of `mask`, in ascending order.
TaskId nth(std::uint64_t mask, std::uint32_t n) {
    for (; n > 0; --n) {
        mask &= mask - 1;
    }
    return lowest(mask);
}

std::size_t index_of(std::span<const TaskId> ready, TaskId id) {
    return static_cast<std::size_t>(std::find(ready.begin(), ready.end(), id) - ready.begin());
}

}  // namespace

bool BoundedStrategy::begin_execution() {
    depth_ = 0;
    if (!started_) {
        started_ = true;
        roots_.push_back(Root{});  // round 0: the DFS from the start, no preemption point
        return true;
    }
    if (root_ >= roots_.size()) {
        return false;  // already complete
    }
    while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().count) {
        stack_.pop_back();
    }
    if (!stack_.empty()) {
        ++stack_.back().chosen;
        return true;
    }
    return next_target();
}

// The DFS below (root_, target_) is exhausted: on to the next target, root or round.
bool BoundedStrategy::next_target() {
    roots_[root_].targets &= ~bit(target_);
    while (roots_[root_].targets == 0) {
        roots_[root_] = Root{};  // done with it: free its prefix
        if (++root_ < roots_.size()) {
            continue;
        }
        if (round_ == bound_ || next_roots_.empty()) {
            return false;  // root_ == roots_.size(): complete from now on
        }
        ++round_;
        roots_ = std::move(next_roots_);
        next_roots_.clear();
        next_root_choices_ = 0;
        root_ = 0;
    }
    target_ = lowest(roots_[root_].targets);
    return true;
}

std::size_t BoundedStrategy::fail(const std::string& what) {
    divergence_ = "choice point " + std::to_string(depth_ - 1) + ": " + what +
                  " differs from an earlier execution with the same choices: the program depends on "
                  "something other than its choices";
    return Strategy::diverged;
}

std::uint32_t BoundedStrategy::encoded(const Point& point) const {
    return point.is_value ? (point.chosen | value_flag) : nth(point.allowed, point.chosen);
}

// The current point (just past the end of stack_) could preempt to `targets`: remember the
// path to it for the next round.
void BoundedStrategy::push_root(std::uint64_t targets) {
    const Root& root = roots_[root_];
    std::size_t size = root.prefix.size() + 1 + stack_.size();
    if (next_root_choices_ + size > root_budget_) {
        if (incomplete_.empty()) {
            incomplete_ = "the schedules of round " + std::to_string(round_ + 1) + " (" + std::to_string(round_ + 1) +
                          " preemptions) exceed the bounded strategy's memory budget (" +
                          std::to_string(root_budget_) + " stored choices): exhaustive up to " +
                          std::to_string(round_) + " preemptions only";
        }
        return;
    }
    next_root_choices_ += size;
    Root next;
    next.prefix.reserve(size);
    next.prefix = root.prefix;
    if (root.targets != 0) {
        next.prefix.push_back(target_);
    }
    for (const Point& point : stack_) {
        next.prefix.push_back(encoded(point));
    }
    next.targets = targets;
    next_roots_.push_back(std::move(next));
}

std::size_t BoundedStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    std::uint64_t mask = 0;
    for (TaskId id : ready) {
        mask |= bit(id);
    }
    std::size_t position = depth_++;
    const Root& root = roots_[root_];
    // The prefix is checked more loosely than the DFS below (the chosen task must be ready):
    // roots keep one word per choice, not the ready sets, to keep the next round small.
    if (position < root.prefix.size()) {
        std::uint32_t choice = root.prefix[position];
        if ((choice & value_flag) != 0 || (mask & bit(choice)) == 0) {
            return fail("the set of ready tasks");
        }
        return index_of(ready, choice);
    }
    std::size_t below = position - root.prefix.size();
    if (root.targets != 0) {
        if (below == 0) {
            if ((mask & bit(target_)) == 0) {
                return fail("the set of ready tasks");
            }
            return index_of(ready, target_);  // this round's last preemption
        }
        --below;
    }
    if (below < stack_.size()) {
        const Point& point = stack_[below];
        if (point.is_value || point.context != mask) {
            return fail("the set of ready tasks");
        }
        return index_of(ready, nth(point.allowed, point.chosen));
    }
    // A new point. While the previous task is ready it keeps running in this round; picking
    // another would be one more preemption, explored from here in the next round.
    std::uint64_t allowed = mask;
    if (!execution.events().empty()) {
        TaskId previous = execution.events().back().task;
        if ((mask & bit(previous)) != 0) {
            allowed = bit(previous);
            if (round_ < bound_) {
                push_root(mask & ~allowed);
            }
        }
    }
    stack_.push_back({static_cast<std::uint32_t>(std::popcount(allowed)), 0, mask, allowed, false});
    return index_of(ready, lowest(allowed));
}

std::size_t BoundedStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    std::size_t position = depth_++;
    const Root& root = roots_[root_];
    if (position < root.prefix.size()) {
        std::uint32_t choice = root.prefix[position];
        if ((choice & value_flag) == 0 || (choice & ~value_flag) >= count) {
            return fail(std::string("the data choice ") + label);
        }
        return choice & ~value_flag;
    }
    std::size_t below = position - root.prefix.size();
    if (root.targets != 0) {
        if (below == 0) {
            return fail(std::string("the data choice ") + label);
        }
        --below;
    }
    std::uint64_t step = execution.events().size();
    if (below < stack_.size()) {
        const Point& point = stack_[below];
        if (!point.is_value || point.count != count || point.context != step) {
            return fail(std::string("the data choice ") + label);
        }
        return point.chosen;
    }
    stack_.push_back({static_cast<std::uint32_t>(count), 0, step, 0, true});
    return 0;
}

void BoundedStrategy::end_execution(const Execution& execution) {
    (void)execution;
    // An execution that stopped early (a failure) explored only its prefix; backtrack from there.
    const Root& root = roots_[root_];
    std::size_t base = root.prefix.size() + (root.targets != 0 ? 1 : 0);
    std::size_t below = depth_ > base ? depth_ - base : 0;
    if (below < stack_.size()) {
        stack_.resize(below);
    }
}

std::size_t BoundedStrategy::preemptions(const Execution& execution) {
    const std::vector<Event>& events = execution.events();
    std::size_t count = 0;
    for (std::size_t i = 1; i < events.size(); ++i) {
        TaskId previous = events[i - 1].task;
        count += events[i].task != previous && (events[i].ready & bit(previous)) != 0;
    }
    return count;
}

}  // namespace explorer
