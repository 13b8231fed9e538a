// explorer/strategy/random.hpp: seeded random walks: uniform among ready tasks and among values.
#pragma once

#include <cstdint>

#include "explorer/strategy/rng.hpp"
#include "explorer/strategy/strategy.hpp"

namespace explorer {

// Each execution is an independent random walk: at every choice point a uniform pick among
// the ready tasks (or the values). Execution i draws from Rng(seed, i), so the sequence of
// executions is a function of the seed alone. It never runs out (begin_execution() is always
// true): Options.max_executions or an interrupt ends the exploration.
class RandomStrategy final : public Strategy {
public:
    explicit RandomStrategy(std::uint64_t seed) : seed_(seed), rng_(seed) {}

    const char* name() const override { return "random"; }
    bool begin_execution() override;
    std::size_t pick_task(const Execution& execution, std::span<const TaskId> ready) override;
    std::size_t pick_value(const Execution& execution, std::size_t count, const char* label) override;

private:
    std::uint64_t seed_;
    std::uint64_t executions_ = 0;  // begun so far: the stream of the next one
    Rng rng_;
};

}  // namespace explorer
