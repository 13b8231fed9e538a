// explorer/strategy/pct.hpp: probabilistic concurrency testing (random priorities, d-1 change points).
#pragma once

#include <cstdint>
#include <vector>

#include "explorer/strategy/rng.hpp"
#include "explorer/strategy/strategy.hpp"

namespace explorer {

// PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010) with bug depth d. Each
// execution gives the tasks random distinct priorities (a task gets its place when it appears:
// inserting each new task at a uniform position among the unlowered ones yields a uniform
// random order), picks d-1 distinct change points among the first N steps, always runs the
// highest-priority ready task, and at the i-th change point lowers the task about to run below
// every other (d-i in the paper: later change points go lower still). N estimates the length
// of an execution: the most steps seen so far, 100 before the first execution ends. Data
// choices are uniform. Execution i draws from Rng(seed, i): the sequence is a function of the
// seed. Like random, it never runs out.
class PctStrategy final : public Strategy {
public:
    static constexpr std::uint32_t default_depth = 3;
    static constexpr std::uint64_t initial_length_estimate = 100;

    explicit PctStrategy(std::uint64_t seed, std::uint32_t depth = default_depth)
        : seed_(seed), depth_(depth == 0 ? 1 : depth), rng_(seed) {}

    const char* name() const override { return "pct"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    // Every step counts towards the change points (as in the paper), forced ones included.
    bool consult_every_step() const override { return true; }
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    void end_execution(const Execution& execution) override;

private:
    std::uint64_t seed_;
    std::uint32_t depth_;
    std::uint64_t executions_ = 0;
    std::uint64_t length_estimate_ = initial_length_estimate;
    bool seen_one_ = false;
    Rng rng_;
    std::vector<std::uint64_t> change_points_;  // ascending step indices
    std::size_t next_change_ = 0;               // first change point not yet reached
    std::vector<TaskId> order_;                 // known tasks, highest priority first
    std::size_t unlowered_ = 0;                 // order_[0, unlowered_) keep their initial priority
};

}  // namespace explorer
