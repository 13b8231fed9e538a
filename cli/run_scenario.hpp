// cli/run_scenario.hpp: what explore and check share: overrides, one exploration, verdicts, trace files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "explorer/explorer.hpp"
#include "explorer/trace/trace_json.hpp"
#include "model/scenario.hpp"

namespace cli {

// Checks and applies the overrides; an error text for a bad value (unknown strategy, range).
std::optional<std::string> apply_overrides(const ExplorationOverrides& overrides, model::Scenario* scenario);

struct ScenarioRun {
    std::string file;             // as shown to the user
    std::string file_hash;        // hash of the scenario as loaded (before overrides)
    model::Scenario scenario;     // as run (overrides applied)
    explorer::Report report;
    std::vector<std::string> trace_paths;  // one per finding, "" when not written
    std::string trace_dir;        // where a crash in model code writes its trace; "": stderr
};

// Explores `run.scenario`, filling run.report. Progress goes to `progress` (may be disabled).
void explore_scenario(ScenarioRun& run, ProgressLine& progress);

// A finding that is a fault of ktcheck or of its model (an exception, an assertion, a model
// fault, nondeterminism): the command exits 3 once the report and traces are written.
const explorer::Finding* internal_fault(const explorer::Report& report);
// "pass" or "fail <name>[, <name>...]" (the findings' invariants in the order found).
std::string verdict_text(const explorer::Report& report);
std::string expect_text(const model::ExpectedVerdict& expect);
// Met: the verdict, and the pinned execution count when there is one (a complete run with
// exactly that many executions).
bool expectation_met(const model::ExpectedVerdict& expect, const explorer::Report& report);
bool count_met(const model::ExpectedVerdict& expect, const explorer::Report& report);

// The trace file of one finding (a deterministic text); without one, all but the trace.
explorer::TraceFile trace_file_of(const ScenarioRun& run);
explorer::TraceFile trace_file_of(const ScenarioRun& run, const explorer::Finding& finding);
// "<scenario>.<invariant>.json"
std::string trace_file_name(const ScenarioRun& run, const explorer::Finding& finding);

// Writes one trace per finding into `dir` (created if missing); errors are returned, one a line.
std::vector<std::string> write_traces(ScenarioRun& run, const std::string& dir);

}  // namespace cli
