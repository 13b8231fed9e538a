// cli/estimate.hpp: `explore --estimate`: how many executions dpor will need, from a first part of it.
#pragma once

#include <cstdint>
#include <string>

#include "model/scenario.hpp"

namespace cli {

struct Estimate {
    std::uint64_t sample = 0;      // executions of the search run to estimate from
    double executions = 0;         // dpor's complete executions in all (DporStrategy::estimated_executions)
    bool complete = false;         // the sample was the whole search: `executions` is exact
    double steps_per_execution = 0;
    double seconds = 0;            // the sample's time (a timing field)
    std::uint64_t steps = 0;       // the sample's steps
    bool interrupted = false;
};

// Runs the first `sample` executions of the scenario's dpor search (whatever its strategy)
// and extrapolates: the same scenario and sample give the same estimate.
Estimate estimate_executions(const model::Scenario& scenario, std::uint64_t sample);

std::string estimate_text(const model::Scenario& scenario, const std::string& file, const Estimate& estimate);
std::string estimate_json(const model::Scenario& scenario, const std::string& file, const Estimate& estimate);

}  // namespace cli
