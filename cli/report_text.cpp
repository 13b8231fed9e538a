// cli/report_text.cpp: the human-readable report of one scenario run.
#include <cstdio>

#include "cli/report.hpp"

namespace cli {

namespace {

std::string indent(const std::string& text, const std::string& prefix) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') {
            out += prefix;
        }
    }
    return out;
}

std::string row(const char* label, const std::string& value) {
    char head[16];
    std::snprintf(head, sizeof head, "%-12s", label);
    return head + indent(value, "            ") + "\n";
}

}  // namespace

std::string describe_config(const model::Scenario& scenario) {
    const model::ModelConfig& c = scenario.config;
    std::string text = c.variant + ", " + std::to_string(c.requesters.size()) +
                       (c.requesters.size() == 1 ? " requester (" : " requesters (");
    for (std::size_t i = 0; i < c.requesters.size(); ++i) {
        text += (i == 0 ? "" : "; ") + std::string(model::to_string(c.requesters[i].after));
        if (c.requesters[i].fatal_signal) {
            text += " + fatal signal";
        }
    }
    text += "), faults: ";
    std::string faults;
    if (c.faults.fork_failure) {
        faults += "fork failure (max " + std::to_string(c.faults.max_fork_failures) + ")";
    }
    if (c.faults.kmalloc_failure) {
        faults += (faults.empty() ? "" : ", ") + std::string("kmalloc failure (max ") +
                  std::to_string(c.faults.max_kmalloc_failures) + ")";
    }
    if (c.faults.oom) {
        faults += (faults.empty() ? "" : ", ") + std::string("oom");
    }
    text += faults.empty() ? "none" : faults;
    text += ", mutations: ";
    std::string mutations;
    for (const std::string& m : c.mutations) {
        mutations += (mutations.empty() ? "" : ", ") + m;
    }
    return text + (mutations.empty() ? "none" : mutations);
}

std::string completion_text(const ScenarioRun& run) {
    const explorer::Report& r = run.report;
    if (r.interrupted) {
        return "interrupted (partial)";
    }
    if (r.complete) {
        return "complete";
    }
    if (!r.incomplete.empty()) {
        return "stopped: " + r.incomplete;
    }
    if (!r.findings.empty() && !run.scenario.exploration.keep_going) {
        return "stopped at the first failure";
    }
    return "stopped at max_executions";
}

std::string report_text(const ScenarioRun& run) {
    const explorer::Report& r = run.report;
    const model::Scenario& s = run.scenario;
    std::string out;
    out += row("scenario", s.name + "  (" + run.file + ")");
    out += row("model", describe_config(s));
    out += row("strategy", r.strategy + ", " + completion_text(run) + ", max_steps " +
                               std::to_string(s.exploration.max_steps) +
                               (s.exploration.max_executions != 0
                                    ? ", max_executions " + std::to_string(s.exploration.max_executions)
                                    : std::string()));
    out += row("executions", std::to_string(r.executions) + " (" + std::to_string(r.failed_executions) + " failed, " +
                                 std::to_string(r.pruned) + " pruned), " + std::to_string(r.steps) + " steps");
    if (r.search.stateful) {
        char memory[32];
        std::snprintf(memory, sizeof memory, "%.1f MB", static_cast<double>(r.search.bytes) / 1e6);
        out += row("states", std::to_string(r.search.states) + " stored, " + std::to_string(r.search.transitions) +
                                 " transitions, " + memory + " (64-bit fingerprints)");
    }
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.3f s", r.seconds);
    out += row("time", seconds);
    std::string verdict = r.findings.empty() ? (r.interrupted ? "PASS so far (interrupted)" : "PASS")
                                             : "FAIL: " + std::to_string(r.findings.size()) + " distinct failure" +
                                                   (r.findings.size() == 1 ? "" : "s");
    bool met = expectation_met(s.expect, r);
    out += row("verdict", verdict + "  (expected " + expect_text(s.expect) + ": " + (met ? "met" : "NOT met") + ")");
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const explorer::Finding& f = r.findings[i];
        std::string head = f.failure.invariant + " (" + explorer::to_string(f.failure.kind) + ") at step " +
                           std::to_string(f.failure.step) + (f.failure.task.empty() ? "" : " in " + f.failure.task) +
                           ", execution " + std::to_string(f.execution) + ", " + std::to_string(f.trace.steps.size()) +
                           " steps\n" + f.failure.message;
        if (i < run.trace_paths.size() && !run.trace_paths[i].empty()) {
            head += "\ntrace: " + run.trace_paths[i];
        }
        out += row(("failure " + std::to_string(i + 1)).c_str(), head);
    }
    return out;
}

}  // namespace cli
