// explorer/strategy/replay.cpp: replay of a recorded trace.
#include "explorer/strategy/replay.hpp"

#include "explorer/runtime/execution.hpp"

namespace explorer {

bool ReplayStrategy::begin_execution() {
    if (started_) {
        return false;
    }
    started_ = true;
    return true;
}

std::size_t ReplayStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    std::size_t step = execution.events().size();
    if (step >= steps_.size()) {
        divergence_ = "step " + std::to_string(step) + ": the execution goes on past the " +
                      std::to_string(steps_.size()) + " recorded steps";
        return Strategy::diverged;
    }
    std::string names;
    for (std::size_t i = 0; i < ready.size(); ++i) {
        const std::string& name = execution.task(ready[i]).name;
        if (name == steps_[step].task) {
            return i;
        }
        names += (i == 0 ? "" : ", ") + name;
    }
    divergence_ = "step " + std::to_string(step) + ": the record runs " + steps_[step].task +
                  ", which is not ready (ready: " + names + ")";
    return Strategy::diverged;
}

std::size_t ReplayStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    std::size_t step = execution.events().size() - 1;
    if (step != value_step_) {
        value_step_ = step;
        value_index_ = 0;
    }
    std::size_t index = value_index_++;
    if (step >= steps_.size() || index >= steps_[step].choices.size()) {
        divergence_ = "step " + std::to_string(step) + ": a choice (" + label +
                      ") that the record does not have";
        return Strategy::diverged;
    }
    std::size_t value = steps_[step].choices[index];
    if (value >= count) {
        divergence_ = "step " + std::to_string(step) + ": recorded choice " + std::to_string(value) +
                      " for " + label + " is out of range (" + std::to_string(count) + " values)";
        return Strategy::diverged;
    }
    return value;
}

}  // namespace explorer
