// cli/replay_command.cpp: `ktcheck replay TRACE.json`: re-execute a trace exactly; reproduced, diverged, stale.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "explorer/crash_guard.hpp"
#include "cli/files.hpp"
#include "cli/swimlane.hpp"
#include "cli/trace_input.hpp"
#include "model/program.hpp"

namespace cli {

namespace {

std::string failure_text(const explorer::Failure& f) {
    return f.invariant + " (" + explorer::to_string(f.kind) + ") at step " + std::to_string(f.step) + ": " + f.message;
}

}  // namespace

int run_replay(const ReplayArgs& args) {
    LoadedTrace loaded;
    if (auto error = load_trace(args.trace, &loaded)) {
        std::cerr << *error << "\n";
        return exit_bad_input;
    }
    const explorer::TraceFile& file = loaded.file;
    std::cout << "trace     " << loaded.path << " (" << file.trace.steps.size() << " steps, written by " << file.tool
              << ")\n";
    std::cout << "scenario  " << file.scenario_name << " " << file.scenario_hash
              << (file.scenario_file.empty() ? "" : " (" + file.scenario_file + ")") << "\n";

    // Stale or foreign: compare with the scenario file as it is now.
    bool stale = false;
    std::string scenario_path = args.scenario.empty() ? file.scenario_file : args.scenario;
    if (!scenario_path.empty()) {
        std::error_code ec;
        if (!args.scenario.empty() || std::filesystem::exists(scenario_path, ec)) {
            model::ScenarioResult current = model::load_scenario_file(scenario_path);
            if (auto* error = std::get_if<model::ScenarioError>(&current)) {
                if (!args.scenario.empty()) {
                    std::cerr << error->to_string() << "\n";
                    return exit_bad_input;
                }
                std::cout << "STALE     the scenario file no longer loads: " << error->to_string() << "\n";
                stale = true;
            } else {
                const model::Scenario& now = std::get<model::Scenario>(current);
                if (now.name != file.scenario_name) {
                    std::cerr << loaded.path << ": error: this is a trace of scenario \"" << file.scenario_name
                              << "\", but " << scenario_path << " holds scenario \"" << now.name << "\"\n";
                    return exit_bad_input;
                }
                std::string hash = model::scenario_hash(now);
                if (hash != file.scenario_hash) {
                    std::cout << "STALE     stale: scenario changed since the trace was written (" << scenario_path
                              << " now hashes to " << hash << ")\n";
                    stale = true;
                }
            }
        } else {
            std::cout << "note      " << scenario_path << " not found: replaying the scenario embedded in the trace\n";
        }
    }

    explorer::Options options;
    options.max_steps = loaded.scenario.exploration.max_steps;
    explorer::Program program = model::build_program(loaded.scenario.config);
    explorer::ReplayResult result;
    {
        explorer::CrashGuard guard(explorer::trace_json_head(file), "");  // a crash reproduced: stderr only
        result = explorer::replay(program, file.trace, options);
    }
    if (!args.quiet) {
        SwimlaneOptions swimlanes;
        swimlanes.lane_width = args.lane_width;
        std::cout << "\n" << render_swimlanes(result.trace, swimlanes) << "\n";
    }
    const explorer::Failure& recorded = *file.trace.failure;
    int status = exit_failed;
    if (result.divergence) {
        std::cout << "DIVERGED  diverged at step " << result.divergence_step << ": " << *result.divergence << "\n";
        // The scenario's hash matched (or it is embedded): what changed is the model or the
        // engine, or the trace was edited.
        std::cout << "          the model no longer takes this path: if ktcheck's model changed since the trace "
                     "was written, regenerate it with ktcheck explore --trace-dir\n";
    } else if (!result.trace.failure) {
        std::cout << "NOT REPRODUCED  the failure no longer happens (recorded: " << failure_text(recorded) << ")\n";
    } else if (result.trace.failure->key() != recorded.key()) {
        std::cout << "NOT REPRODUCED  fails differently: recorded " << failure_text(recorded) << "; now "
                  << failure_text(*result.trace.failure) << "\n";
    } else {
        std::cout << "REPRODUCED " << failure_text(*result.trace.failure) << "\n";
        // A fault of ktcheck or of its model, reproduced, is still one.
        status = explorer::is_internal(result.trace.failure->kind) ? exit_internal : exit_ok;
    }
    if (stale) {
        std::cout << "STALE     the trace is stale: regenerate it with ktcheck explore --trace-dir\n";
        return exit_failed;
    }
    return status;
}

}  // namespace cli
