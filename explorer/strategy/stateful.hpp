// explorer/strategy/stateful.hpp: the reference search: depth-first with state caching, no reduction.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "explorer/strategy/strategy.hpp"

namespace explorer {

// Explores every interleaving and data choice, as dfs does, but never explores a state twice:
// at every scheduling point it takes the execution's fingerprint (Execution::fingerprint():
// every cell and lock, and per task its state, pending op, step count and the chained hash of
// what it observed) and drops the execution when that state was reached before. Sound because
// a task's control flow is a function of what it observed: two states with equal cells and
// equal per-task observations have the same futures (up to 64-bit fingerprint collisions:
// with n states the chance of one is about n^2 / 2^65). No partial-order reduction: it is the
// yardstick the reductions are checked against, and its state count the model's granularity.
class StatefulStrategy final : public Strategy {
public:
    const char* name() const override { return "stateful"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    bool consult_every_step() const override { return true; }
    bool needs_fingerprint() const override { return true; }
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    void end_execution(const Execution& execution) override;
    std::string divergence() const override { return divergence_; }
    SearchStats stats() const override;

private:
    struct Point {
        std::uint32_t count;
        std::uint32_t chosen;
        std::uint64_t context;  // task point: the ready set; value point: the step
        bool is_value;
    };

    std::size_t diverged(const std::string& what);

    std::vector<Point> stack_;
    std::unordered_set<std::uint64_t> visited_;  // membership only: never iterated
    std::size_t depth_ = 0;
    bool started_ = false;
    std::uint64_t transitions_ = 0;
    std::string divergence_;
};

}  // namespace explorer
