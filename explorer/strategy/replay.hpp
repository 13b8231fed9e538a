// explorer/strategy/replay.hpp: re-executes a recorded trace, choice by choice.
#pragma once

#include <vector>

#include "explorer/strategy/strategy.hpp"
#include "explorer/trace/trace.hpp"

namespace explorer {

// Picks the task the record names at each step (by stable name) and the recorded data
// choices. It runs one execution. Observed ops are compared with the record afterwards
// (explorer::replay), so forced steps are checked too.
class ReplayStrategy final : public Strategy {
public:
    explicit ReplayStrategy(const std::vector<TraceStep>& steps) : steps_(steps) {}

    const char* name() const override { return "replay"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    std::string divergence() const override { return divergence_; }

private:
    const std::vector<TraceStep>& steps_;
    bool started_ = false;
    std::size_t value_step_ = static_cast<std::size_t>(-1);
    std::size_t value_index_ = 0;
    std::string divergence_;
};

}  // namespace explorer
