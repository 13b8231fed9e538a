// explorer/strategy/strategy.hpp: the policy interface; the scheduler asks, a strategy picks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "explorer/op.hpp"

namespace explorer {

class Execution;

// What a stateful search keeps (SPIN's figures): distinct states, transitions explored, and
// the bytes of its state store.
struct SearchStats {
    bool stateful = false;
    std::uint64_t states = 0;
    std::uint64_t transitions = 0;
    std::uint64_t bytes = 0;
};

// A strategy is consulted only at real choices: two or more ready tasks, or a data choice
// among two or more values. It sees the execution so far (events, pending ops, names).
class Strategy {
public:
    // Special answers of pick_task()/pick_value().
    static constexpr std::size_t diverged = static_cast<std::size_t>(-1);  // see divergence()
    static constexpr std::size_t prune = static_cast<std::size_t>(-2);     // stop: redundant execution

    virtual ~Strategy() = default;

    virtual const char* name() const = 0;

    // Prepares the next execution; false when there is nothing left to explore.
    virtual bool begin_execution() = 0;

    // Picks one of `ready` (ascending task ids; at least two unless consult_every_step()).
    // `diverged`: the execution departed from what the strategy expected (divergence() says
    // how); `prune`: the rest of this execution is redundant and is dropped.
    virtual std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) = 0;

    // Whether an execution should run on after a finding (keep_going), so that the strategy
    // sees the steps the failure would have cut off (dpor: their races with the steps before).
    virtual bool explores_past_failures() const { return false; }

    // Whether it reads Execution::fingerprint() (the cells' hashes and each task's observations
    // are kept only then: they cost a few ns per cell access).
    virtual bool needs_fingerprint() const { return false; }

    // Whether pick_task() wants to see steps with a single ready task too.
    virtual bool consult_every_step() const { return false; }

    // Picks a value in [0, count) (count >= 2) for the running task's data choice.
    virtual std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) = 0;

    // Called after every execution, before the next begin_execution().
    virtual void end_execution(const Execution& execution) { (void)execution; }

    virtual std::string divergence() const { return {}; }

    // Non-empty when the strategy ran out of executions without covering what it promises
    // (e.g. a memory budget cut it short): the report is then not complete, and says why.
    virtual std::string incomplete() const { return {}; }

    // Figures of a stateful search (empty for stateless ones).
    virtual SearchStats stats() const { return {}; }
};

}  // namespace explorer
