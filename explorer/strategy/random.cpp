// explorer/strategy/random.cpp: seeded random walks.
#include "explorer/strategy/random.hpp"

namespace explorer {

bool RandomStrategy::begin_execution() {
    // A fresh stream per execution: execution i does not depend on how many draws the
    // earlier ones made, so it can be reproduced from (seed, i).
    rng_ = Rng(seed_, executions_++);
    return true;
}

std::size_t RandomStrategy::pick_task(const Execution& execution, std::span<const TaskId> ready) {
    (void)execution;
    return static_cast<std::size_t>(rng_.below(ready.size()));
}

std::size_t RandomStrategy::pick_value(const Execution& execution, std::size_t count, const char* label) {
    (void)execution;
    (void)label;
    return static_cast<std::size_t>(rng_.below(count));
}

}  // namespace explorer
