// cli/report_json.cpp: the report of one scenario run as JSON (explore --json).
#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/report.hpp"

namespace cli {

std::string report_json(const ScenarioRun& run) {
    using Json = nlohmann::ordered_json;
    const explorer::Report& r = run.report;
    const model::Scenario& s = run.scenario;
    Json findings = Json::array();
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const explorer::Finding& f = r.findings[i];
        findings.push_back(Json{{"kind", explorer::to_string(f.failure.kind)},
                                {"invariant", f.failure.invariant},
                                {"step", f.failure.step},
                                {"task", f.failure.task},
                                {"message", f.failure.message},
                                {"execution", f.execution},
                                {"steps", f.trace.steps.size()},
                                {"trace", i < run.trace_paths.size() && !run.trace_paths[i].empty()
                                              ? Json(run.trace_paths[i])
                                              : Json(nullptr)}});
    }
    Json expect{{"verdict", s.expect.pass ? "pass" : "fail"}};
    if (!s.expect.pass) {
        expect["invariant"] = s.expect.invariant;
    }
    Json doc{{"format", "ktcheck-report"},
             {"version", 1},
             {"tool", tool_name},
             {"scenario", {{"name", s.name}, {"file", run.file}, {"hash", run.file_hash}}},
             {"model", describe_config(s)},
             {"strategy", r.strategy},
             {"max_steps", s.exploration.max_steps},
             {"max_executions", s.exploration.max_executions},
             {"completion", completion_text(run)},
             {"complete", r.complete},
             {"interrupted", r.interrupted},
             {"verdict", r.findings.empty() ? "pass" : "fail"},
             {"expect", expect},
             {"expect_met", expectation_met(s.expect, r)},
             {"executions", r.executions},
             {"failed_executions", r.failed_executions},
             {"pruned", r.pruned},
             {"steps", r.steps},
             {"states", r.search.stateful ? Json(r.search.states) : Json()},
             {"transitions", r.search.stateful ? Json(r.search.transitions) : Json()},
             {"state_bytes", r.search.stateful ? Json(r.search.bytes) : Json()},
             {"seconds", r.seconds},
             {"findings", findings}};
    return doc.dump(2) + "\n";
}

}  // namespace cli
