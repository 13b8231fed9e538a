// cli/report.hpp: a scenario run's report, as text (report_text.cpp) or JSON (report_json.cpp).
#pragma once

#include <string>

#include "cli/run_scenario.hpp"

namespace cli {

// The human report of explore: deterministic except the "time" line.
std::string report_text(const ScenarioRun& run);
// The same as one JSON document (ends with a newline); only "seconds" varies between runs.
std::string report_json(const ScenarioRun& run);
// "era-e, 2 requesters (wake + fatal signal; stop), faults: fork failure, mutations: none"
std::string describe_config(const model::Scenario& scenario);
// "complete", "interrupted", "stopped at the first failure", "stopped at max_executions"
std::string completion_text(const ScenarioRun& run);

}  // namespace cli
