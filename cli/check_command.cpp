// cli/check_command.cpp: `ktcheck check PATH...`: the regression gate over scenario files and directories.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/files.hpp"
#include "cli/interrupt.hpp"
#include "cli/junit.hpp"
#include "cli/report.hpp"
#include "cli/run_scenario.hpp"

namespace cli {

namespace {

namespace fs = std::filesystem;

struct Input {
    std::string path;
    std::string error;  // set when the path itself is unusable
};

// Files and directories (recursively: every *.json), sorted by path, duplicates removed.
std::vector<Input> collect(const std::vector<std::string>& paths) {
    std::vector<Input> inputs;
    for (const std::string& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            inputs.push_back({display_path(path), "no such file or directory"});
        } else if (fs::is_directory(status)) {
            std::size_t before = inputs.size();
            for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (it->is_regular_file() && it->path().extension() == ".json") {
                    inputs.push_back({display_path(it->path().string()), ""});
                }
            }
            if (ec) {
                inputs.push_back({display_path(path), "cannot list the directory: " + ec.message()});
            } else if (inputs.size() == before) {
                inputs.push_back({display_path(path), "no scenario files (*.json) in this directory"});
            }
        } else {
            inputs.push_back({display_path(path), ""});
        }
    }
    std::sort(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    inputs.erase(std::unique(inputs.begin(), inputs.end(), [](const Input& a, const Input& b) { return a.path == b.path; }),
                 inputs.end());
    return inputs;
}

std::string pad(const std::string& text, std::size_t width) {
    return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

std::string classname_of(const std::string& path) {
    std::string parent = fs::path(path).parent_path().generic_string();
    return parent.empty() ? "." : parent;
}

}  // namespace

int run_check(const CheckArgs& args) {
    auto started = std::chrono::steady_clock::now();
    std::vector<Input> inputs = collect(args.paths);
    std::vector<JunitCase> cases;
    std::size_t passed = 0;
    std::size_t internal = 0;  // scenarios whose exploration hit a fault of ktcheck or its model
    std::size_t failed = 0;
    std::size_t invalid = 0;
    bool stopped = false;
    ProgressLine progress;
    for (const Input& input : inputs) {
        JunitCase c;
        c.classname = classname_of(input.path);
        c.name = input.path;
        c.file = input.path;
        if (stopped || interrupted()) {
            stopped = true;
            c.outcome = JunitCase::Outcome::skipped;
            c.message = "not run: interrupted";
            cases.push_back(c);
            continue;
        }
        std::string error;
        model::Scenario scenario;
        if (!input.error.empty()) {
            error = input.path + ": error: " + input.error;
        } else {
            model::ScenarioResult loaded = model::load_scenario_file(input.path);
            if (auto* e = std::get_if<model::ScenarioError>(&loaded)) {
                e->file = input.path;
                error = e->to_string();
            } else {
                scenario = std::get<model::Scenario>(loaded);
            }
        }
        ScenarioRun run;
        if (error.empty()) {
            run.file = input.path;
            run.file_hash = model::scenario_hash(scenario);
            run.scenario = scenario;
            if (auto e = apply_overrides(args.overrides, &run.scenario)) {
                std::cerr << "ktcheck check: " << *e << "\n";
                return exit_bad_input;
            }
        }
        if (!error.empty()) {
            ++invalid;
            c.outcome = JunitCase::Outcome::error;
            c.message = error;
            std::cout << "INVALID  " << error << "\n" << std::flush;
            cases.push_back(c);
            continue;
        }
        c.name = run.scenario.name;
        run.trace_dir = args.trace_dir;
        explore_scenario(run, progress);
        if (!args.trace_dir.empty()) {
            for (const std::string& e : write_traces(run, args.trace_dir)) {
                std::cerr << "ktcheck check: " << e << "\n";
            }
        }
        const explorer::Report& r = run.report;
        c.seconds = r.seconds;
        bool met = expectation_met(run.scenario.expect, r);
        const explorer::Finding* fault = internal_fault(r);
        if (fault != nullptr) {
            ++internal;
            std::cerr << "ktcheck check: " << run.scenario.name << ": internal error: " << fault->failure.invariant
                      << ": " << fault->failure.message << "\n";
        }
        const char* label = "PASS    ";
        if (fault != nullptr) {
            // Whatever else was found: the model or ktcheck is broken, not the protocol judged.
            label = "ERROR   ";
            c.outcome = JunitCase::Outcome::error;
            c.message = "internal error: " + fault->failure.invariant + ": " + fault->failure.message;
            c.details = report_text(run);
        } else if (r.interrupted) {
            stopped = true;
            label = "STOPPED ";
            c.outcome = JunitCase::Outcome::skipped;
            c.message = "interrupted";
        } else if (met) {
            ++passed;
        } else {
            ++failed;
            label = "MISMATCH";
            c.outcome = JunitCase::Outcome::failed;
            c.message = "expected " + expect_text(run.scenario.expect) + ", got " + verdict_text(r);
            if (!count_met(run.scenario.expect, r)) {
                c.message += " in " + std::to_string(r.executions) + (r.complete ? "" : " (not complete)") +
                             " executions: the model or the reduction changed; if that is intended, regenerate "
                             "the pins (python3 tools/gen_scenarios.py --pin) and review the diff";
            }
            c.details = report_text(run);
        }
        char numbers[64];
        std::snprintf(numbers, sizeof numbers, "%10llu exec %8.2f s", static_cast<unsigned long long>(r.executions),
                      r.seconds);
        std::cout << label << " " << pad(run.scenario.name, 40) << "expected " << pad(expect_text(run.scenario.expect), 36)
                  << "got " << pad(verdict_text(r) + (count_met(run.scenario.expect, r) ? "" : " in " + std::to_string(r.executions)), 36) << numbers << "\n"
                  << std::flush;
        cases.push_back(c);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char total[64];
    std::snprintf(total, sizeof total, "%.1f s", seconds);
    std::cout << passed << " passed, " << failed << " failed, " << invalid << " invalid, " << internal
              << (internal == 1 ? " internal error (" : " internal errors (") << inputs.size()
              << " scenarios, " << total << ")" << (stopped ? ", INTERRUPTED" : "") << "\n";
    if (!args.junit.empty()) {
        if (auto e = write_file_atomic(args.junit, junit_xml(cases, seconds))) {
            std::cerr << "ktcheck check: " << *e << "\n";
            return exit_bad_input;
        }
    }
    if (stopped) {
        return exit_interrupted;
    }
    if (invalid != 0) {
        return exit_bad_input;
    }
    if (internal != 0) {
        return exit_internal;
    }
    return failed != 0 ? exit_failed : exit_ok;
}

}  // namespace cli
