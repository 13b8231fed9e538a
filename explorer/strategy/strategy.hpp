// explorer/strategy/strategy.hpp: the policy interface; the scheduler asks, a strategy picks.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "explorer/op.hpp"

namespace explorer {

class Execution;

// A strategy is consulted only at real choices: two or more ready tasks, or a data choice
// among two or more values. It sees the execution so far (events, pending ops, names).
class Strategy {
public:
    virtual ~Strategy() = default;

    virtual const char* name() const = 0;

    // Prepares the next execution; false when there is nothing left to explore.
    virtual bool begin_execution() = 0;

    // Picks one of `ready` (ascending task ids, at least two). An index past the end means
    // the strategy saw the execution diverge from what it expected; divergence() says how.
    virtual std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) = 0;

    // Picks a value in [0, count) (count >= 2) for the running task's data choice.
    virtual std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) = 0;

    // Called after every execution, before the next begin_execution().
    virtual void end_execution(const Execution& execution) { (void)execution; }

    virtual std::string divergence() const { return {}; }
};

}  // namespace explorer
