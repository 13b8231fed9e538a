// explorer/strategy/registry.hpp: strategies by name, for the CLI and scenario files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "explorer/strategy/strategy.hpp"

namespace explorer {

struct StrategyInfo {
    const char* name;
    const char* summary;
    bool exhaustive;  // a complete run proves the absence of failures (within the bounds)
    // Executions to run when no limit is given: strategies that never run out need one.
    std::uint64_t default_max_executions = 0;
};

// The entry of `name`, or nullptr.
const StrategyInfo* find_strategy(const std::string& name);

const std::vector<StrategyInfo>& strategies();

// A fresh strategy, or nullptr for an unknown name. `seed` drives randomized strategies.
std::unique_ptr<Strategy> make_strategy(const std::string& name, std::uint64_t seed);

}  // namespace explorer
