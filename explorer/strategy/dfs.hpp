// explorer/strategy/dfs.hpp: exhaustive depth-first search over task and data choices.
#pragma once

#include <cstdint>
#include <vector>

#include "explorer/strategy/strategy.hpp"

namespace explorer {

// Enumerates every distinct sequence of choices exactly once (stateless: each execution
// re-runs from scratch, replaying the prefix it shares with the previous one). While it
// replays a prefix it checks that each choice point looks as it did (the same ready tasks
// with the same pending ops, the same data choice); when not, the program is nondeterministic.
class DfsStrategy final : public Strategy {
public:
    const char* name() const override { return "dfs"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    void end_execution(const Execution& execution) override;
    std::string divergence() const override { return divergence_; }

private:
    // A choice point. For task choices `context` is the ready set (bit per task) and
    // ops_[first_op, first_op + count) their pending ops; for data choices `context` is the
    // step and ops_[first_op] holds the label and the choosing task.
    struct Point {
        std::uint32_t count;
        std::uint32_t chosen;
        std::uint64_t context;
        std::size_t first_op;
        bool is_value;
    };

    std::size_t diverged(std::size_t count, const std::string& what);

    std::vector<Point> stack_;
    std::vector<Op> ops_;
    std::size_t depth_ = 0;
    bool started_ = false;
    std::string divergence_;
};

}  // namespace explorer
