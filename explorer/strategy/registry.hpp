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
};

const std::vector<StrategyInfo>& strategies();

// A fresh strategy, or nullptr for an unknown name. `seed` drives randomized strategies.
std::unique_ptr<Strategy> make_strategy(const std::string& name, std::uint64_t seed);

}  // namespace explorer
