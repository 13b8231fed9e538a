// explorer/strategy/registry.cpp: the table of strategies.
#include "explorer/strategy/registry.hpp"

#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"

namespace explorer {

const std::vector<StrategyInfo>& strategies() {
    static const std::vector<StrategyInfo> table{
        {"dfs", "exhaustive depth-first search over every interleaving and data choice", true},
        {"dpor", "exhaustive up to commuting independent steps: source-DPOR with sleep sets", true},
    };
    return table;
}

std::unique_ptr<Strategy> make_strategy(const std::string& name, std::uint64_t seed) {
    (void)seed;
    if (name == "dfs") {
        return std::make_unique<DfsStrategy>();
    }
    if (name == "dpor") {
        return std::make_unique<DporStrategy>();
    }
    return nullptr;
}

}  // namespace explorer
