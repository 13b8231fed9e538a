// cli/explore_command.cpp: `ktcheck explore SCENARIO.json`: explore one scenario, report, write traces.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/estimate.hpp"
#include "cli/exit_codes.hpp"
#include "cli/files.hpp"
#include "cli/interrupt.hpp"
#include "cli/report.hpp"
#include "cli/run_scenario.hpp"

namespace cli {

int run_explore(const ExploreArgs& args) {
    std::string file = display_path(args.scenario);
    model::ScenarioResult loaded = model::load_scenario_file(args.scenario);
    if (auto* error = std::get_if<model::ScenarioError>(&loaded)) {
        error->file = file;
        std::cerr << error->to_string() << "\n";
        return exit_bad_input;
    }
    ScenarioRun run;
    run.file = file;
    run.scenario = std::get<model::Scenario>(loaded);
    run.file_hash = model::scenario_hash(run.scenario);
    if (auto error = apply_overrides(args.overrides, &run.scenario)) {
        std::cerr << "ktcheck explore: " << *error << "\n";
        return exit_bad_input;
    }
    if (args.estimate) {
        Estimate estimate = estimate_executions(run.scenario, args.sample);
        std::cout << (args.json ? estimate_json(run.scenario, file, estimate) : estimate_text(run.scenario, file, estimate));
        std::cout.flush();
        return estimate.interrupted ? exit_interrupted : exit_ok;
    }
    run.trace_dir = args.trace_dir;
    ProgressLine progress;
    explore_scenario(run, progress);
    int status = exit_ok;
    if (!args.trace_dir.empty()) {
        for (const std::string& error : write_traces(run, args.trace_dir)) {
            std::cerr << "ktcheck explore: " << error << "\n";
            status = exit_bad_input;
        }
    }
    std::cout << (args.json ? report_json(run) : report_text(run));
    std::cout.flush();
    if (run.report.interrupted) {
        std::cerr << "ktcheck explore: interrupted: the report above is partial\n";
        return exit_interrupted;
    }
    if (status != exit_ok) {
        return status;
    }
    if (const explorer::Finding* fault = internal_fault(run.report)) {
        std::cerr << "ktcheck explore: internal error: " << fault->failure.invariant << ": " << fault->failure.message
                  << (args.trace_dir.empty() ? " (--trace-dir keeps the trace that led to it)" : "") << "\n";
        return exit_internal;
    }
    return run.report.findings.empty() ? exit_ok : exit_failed;
}

}  // namespace cli
