// cli/run_scenario.cpp: what explore and check share: overrides, one exploration, verdicts, trace files.
#include "cli/run_scenario.hpp"

#include <algorithm>
#include <filesystem>

#include "cli/exit_codes.hpp"
#include "cli/files.hpp"
#include "cli/interrupt.hpp"
#include "explorer/crash_guard.hpp"
#include "explorer/strategy/dpor.hpp"
#include "explorer/strategy/registry.hpp"
#include "model/program.hpp"

namespace cli {

std::optional<std::string> apply_overrides(const ExplorationOverrides& overrides, model::Scenario* scenario) {
    model::Exploration& e = scenario->exploration;
    if (overrides.strategy) {
        std::vector<std::string> known;
        for (const explorer::StrategyInfo& info : explorer::strategies()) {
            known.emplace_back(info.name);
        }
        if (std::find(known.begin(), known.end(), *overrides.strategy) == known.end()) {
            return "--strategy: " + model::unknown_name("strategy", *overrides.strategy, known);
        }
        e.strategy = *overrides.strategy;
    }
    if (overrides.max_steps) {
        if (*overrides.max_steps < 1 || *overrides.max_steps > 10'000'000) {
            return "--max-steps: out of range: expected an integer from 1 to 10000000";
        }
        e.max_steps = *overrides.max_steps;
    }
    if (overrides.max_executions) {
        if (*overrides.max_executions > 1'000'000'000'000) {
            return "--max-executions: out of range: expected an integer from 0 to 1000000000000";
        }
        e.max_executions = *overrides.max_executions;
    }
    if (overrides.seed) {
        e.seed = *overrides.seed;
    }
    if (overrides.keep_going) {
        e.keep_going = true;
    }
    if (overrides.granularity &&
        !model::parse_granularity(*overrides.granularity, &scenario->config.granularity)) {
        return "--granularity: " +
               model::unknown_name("granularity", *overrides.granularity, model::names_of(model::granularities()));
    }
    if (overrides.symmetry && !model::parse_symmetry(*overrides.symmetry, &scenario->config.symmetry)) {
        return "--symmetry: " + model::unknown_name("symmetry", *overrides.symmetry, model::names_of(model::symmetries()));
    }
    if (overrides.strategy || overrides.max_steps || overrides.max_executions || overrides.seed ||
        overrides.keep_going || overrides.granularity || overrides.symmetry) {
        scenario->expect.executions.reset();  // pinned for the scenario's own exploration only
    }
    return std::nullopt;
}

void explore_scenario(ScenarioRun& run, ProgressLine& progress) {
    const model::Scenario& s = run.scenario;
    explorer::Program program = model::build_program(s.config);
    std::unique_ptr<explorer::Strategy> strategy = explorer::make_strategy(s.exploration.strategy, s.exploration.seed);
    if (!strategy) {
        throw std::logic_error("strategy \"" + s.exploration.strategy + "\" vanished from the registry");
    }
    explorer::Options options;
    options.max_steps = s.exploration.max_steps;
    options.max_executions = s.exploration.max_executions;
    if (options.max_executions == 0) {
        // random and pct never run out of executions: they get their default budget.
        options.max_executions = explorer::find_strategy(s.exploration.strategy)->default_max_executions;
    }
    options.keep_going = s.exploration.keep_going;
    options.interrupt = install_interrupt_handler();
    progress.start(s.name);
    if (progress.enabled()) {
        options.progress_every = progress_every;
        // dpor's own estimate of its total, from the tree explored so far (between executions)
        auto* dpor = dynamic_cast<const explorer::DporStrategy*>(strategy.get());
        options.progress = [&progress, dpor](std::uint64_t executions, std::uint64_t steps) {
            if (dpor != nullptr) {
                progress.set_estimate(dpor->estimated_executions());
            }
            progress.update(executions, steps);
        };
    }
    std::string crash_path;
    if (!run.trace_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(run.trace_dir, ec);  // a failure shows when the crash writes
        crash_path = (std::filesystem::path(run.trace_dir) / (s.name + ".model-fault.json")).generic_string();
    }
    {
        explorer::CrashGuard guard(explorer::trace_json_head(trace_file_of(run)), crash_path);
        run.report = explorer::explore(program, *strategy, options);
    }
    progress.clear();
    run.trace_paths.assign(run.report.findings.size(), "");
}

const explorer::Finding* internal_fault(const explorer::Report& report) {
    for (const explorer::Finding& finding : report.findings) {
        if (explorer::is_internal(finding.failure.kind)) {
            return &finding;
        }
    }
    return nullptr;
}

std::string verdict_text(const explorer::Report& report) {
    if (report.findings.empty()) {
        return "pass";
    }
    std::string text = "fail";
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
        text += (i == 0 ? " " : ", ") + report.findings[i].failure.invariant;
    }
    return text;
}

std::string expect_text(const model::ExpectedVerdict& expect) {
    std::string text = expect.pass ? "pass" : "fail " + expect.invariant;
    if (expect.executions) {
        text += " in " + std::to_string(*expect.executions);
    }
    return text;
}

bool count_met(const model::ExpectedVerdict& expect, const explorer::Report& report) {
    return !expect.executions || (report.complete && report.executions == *expect.executions);
}

bool expectation_met(const model::ExpectedVerdict& expect, const explorer::Report& report) {
    if (!count_met(expect, report)) {
        return false;
    }
    if (expect.pass) {
        return report.findings.empty() && !report.interrupted;
    }
    return std::any_of(report.findings.begin(), report.findings.end(),
                       [&](const explorer::Finding& f) { return f.failure.invariant == expect.invariant; });
}

explorer::TraceFile trace_file_of(const ScenarioRun& run) {
    explorer::TraceFile file;
    file.tool = tool_name;
    file.scenario_name = run.scenario.name;
    file.scenario_hash = run.file_hash;
    file.scenario_file = run.file;
    file.scenario_json = model::to_canonical_json(run.scenario);
    file.options.strategy = run.scenario.exploration.strategy;
    file.options.seed = run.scenario.exploration.seed;
    file.options.max_steps = run.scenario.exploration.max_steps;
    return file;
}

explorer::TraceFile trace_file_of(const ScenarioRun& run, const explorer::Finding& finding) {
    explorer::TraceFile file = trace_file_of(run);
    file.options.execution = finding.execution;
    file.trace = finding.trace;
    return file;
}

std::string trace_file_name(const ScenarioRun& run, const explorer::Finding& finding) {
    return run.scenario.name + "." + finding.failure.invariant + ".json";
}

std::vector<std::string> write_traces(ScenarioRun& run, const std::string& dir) {
    std::vector<std::string> errors;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        errors.push_back("cannot create " + dir + ": " + ec.message());
        return errors;
    }
    for (std::size_t i = 0; i < run.report.findings.size(); ++i) {
        const explorer::Finding& finding = run.report.findings[i];
        std::string path = (std::filesystem::path(dir) / trace_file_name(run, finding)).generic_string();
        if (auto error = write_file_atomic(path, explorer::write_trace_json(trace_file_of(run, finding)))) {
            errors.push_back(*error);
        } else {
            run.trace_paths[i] = display_path(path);
        }
    }
    return errors;
}

}  // namespace cli
