// explorer/strategy/bounded.hpp: preemption bounding, iterated over the bound 0, 1, ..., k.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "explorer/strategy/strategy.hpp"

namespace explorer {

class Execution;

// Iterative preemption bounding (Musuvathi and Qadeer, PLDI 2007; the CHESS work-list scheme).
// A preemption is a step where the task that ran the previous step is still ready and another
// task is picked; switching away from a task that blocked or finished is free. Round b runs
// exactly the executions with b preemptions, each once, so rounds 0..k together run every
// execution with at most k preemptions exactly once, fewest preemptions first: the first
// counterexample found has the fewest preemptions. Data choices are explored in full.
//
// Round b is a list of roots, each a choice prefix ending at a point where a b-th preemption
// is possible, and the tasks to preempt to there. Below a root the search is a plain DFS in
// which the previous task keeps running while it is ready (free switches branch, data choices
// branch); every new point where a preemption was possible becomes a root of round b+1. Every
// point of that DFS is new exactly once, so no execution is run twice. The cost is memory:
// the roots of the next round (one choice prefix per point with a possible preemption). It
// is capped: once the next round's prefixes would hold more than `root_budget` choices, no
// more roots are kept, the rounds after the current one are cut short, and incomplete() says
// so (the report is then not complete).
//
// Complete (begin_execution() false) after round k: exhaustive only up to k preemptions.
class BoundedStrategy final : public Strategy {
public:
    static constexpr std::uint32_t default_bound = 3;

    // 2^25 stored choices: 128 MB of prefixes for the next round.
    static constexpr std::size_t default_root_budget = std::size_t{1} << 25;

    explicit BoundedStrategy(std::uint32_t bound = default_bound, std::size_t root_budget = default_root_budget)
        : bound_(bound), root_budget_(root_budget) {}

    const char* name() const override { return "bounded"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;
    void end_execution(const Execution& execution) override;
    std::string divergence() const override { return divergence_; }
    std::string incomplete() const override { return incomplete_; }

    // The round being explored: every execution of it has this many preemptions.
    std::uint32_t round() const { return round_; }

    // The preemptions in a finished (or stopped) execution, by the definition above.
    static std::size_t preemptions(const Execution& execution);

private:
    // A choice as stored in a root's prefix: a task id, or a value with value_flag set.
    static constexpr std::uint32_t value_flag = 0x8000'0000U;

    struct Root {
        std::vector<std::uint32_t> prefix;  // the choices before the preemption point
        std::uint64_t targets = 0;          // tasks to preempt to there; 0: no point (round 0)
    };

    // A choice point of the DFS below the current root. Task points: `context` is the ready
    // set, `allowed` the tasks explored (the previous task alone when it is still ready);
    // value points: `context` is the step.
    struct Point {
        std::uint32_t count;   // alternatives explored here
        std::uint32_t chosen;  // index among them
        std::uint64_t context;
        std::uint64_t allowed;
        bool is_value;
    };

    bool next_target();
    std::size_t fail(const std::string& what);
    std::uint32_t encoded(const Point& point) const;
    void push_root(std::uint64_t targets);

    std::uint32_t bound_;
    std::size_t root_budget_;
    std::size_t next_root_choices_ = 0;  // choices stored in next_roots_
    std::string incomplete_;
    std::uint32_t round_ = 0;
    std::vector<Root> roots_;       // this round's
    std::vector<Root> next_roots_;  // the next round's, filled while this one runs
    std::size_t root_ = 0;          // the root being explored
    TaskId target_ = 0;             // its preemption target being explored
    std::vector<Point> stack_;      // the DFS below the root
    std::size_t depth_ = 0;         // choice points seen in this execution
    bool started_ = false;
    std::string divergence_;
};

}  // namespace explorer
