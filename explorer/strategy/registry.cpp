// explorer/strategy/registry.cpp: the table of strategies.
#include "explorer/strategy/registry.hpp"

#include "explorer/strategy/bounded.hpp"
#include "explorer/strategy/dfs.hpp"
#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/pct.hpp"
#include "explorer/strategy/random.hpp"
#include "explorer/strategy/stateful.hpp"

namespace explorer {

const std::vector<StrategyInfo>& strategies() {
    static const std::vector<StrategyInfo> table{
        {"dfs", "exhaustive depth-first search over every interleaving and data choice", true},
        {"dpor", "exhaustive up to commuting independent steps: optimal DPOR (wakeup trees and sleep sets)", true},
        {"dpor-source", "as dpor, with source sets instead of wakeup trees (source-DPOR): only the first step of "
                        "each race's reversal is kept; more executions end sleep-set blocked",
         true},
        {"stateful", "the reference: depth-first with state caching on a fingerprint of every cell and what each "
                     "task observed, no reduction",
         true},
        // Not marked exhaustive: a complete run says nothing of executions with more preemptions.
        {"bounded", "preemption bounding, fewest preemptions first: exhaustive only up to 3 preemptions",
         false},
        {"random", "seeded random walks, uniform among ready tasks and values; 10000 executions unless limited",
         false, 10'000},
        {"pct", "probabilistic concurrency testing, depth 3: random priorities, 2 change points; seeded; 10000 "
                "executions unless limited",
         false, 10'000},
    };
    return table;
}

const StrategyInfo* find_strategy(const std::string& name) {
    for (const StrategyInfo& info : strategies()) {
        if (name == info.name) {
            return &info;
        }
    }
    return nullptr;
}

std::unique_ptr<Strategy> make_strategy(const std::string& name, std::uint64_t seed) {
    if (name == "dfs") {
        return std::make_unique<DfsStrategy>();
    }
    if (name == "dpor") {
        return std::make_unique<DporStrategy>();
    }
    if (name == "dpor-source") {
        return std::make_unique<DporStrategy>(DporStrategy::Sets::source_sets);
    }
    if (name == "stateful") {
        return std::make_unique<StatefulStrategy>();
    }
    if (name == "bounded") {
        // Bound 3 (BoundedStrategy::default_bound): most known concurrency bugs need at most
        // two or three preemptions. The seed is unused: the search is deterministic.
        return std::make_unique<BoundedStrategy>();
    }
    if (name == "random") {
        return std::make_unique<RandomStrategy>(seed);
    }
    if (name == "pct") {
        return std::make_unique<PctStrategy>(seed);  // depth 3 (PctStrategy::default_depth)
    }
    return nullptr;
}

}  // namespace explorer
