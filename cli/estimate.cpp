// cli/estimate.cpp: `explore --estimate`: dpor's first executions, extrapolated, and the report.
#include "cli/estimate.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/interrupt.hpp"
#include "cli/report.hpp"
#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "model/program.hpp"

namespace cli {

Estimate estimate_executions(const model::Scenario& scenario, std::uint64_t sample) {
    explorer::DporStrategy strategy;
    explorer::Options options;
    options.max_steps = scenario.exploration.max_steps;
    options.max_executions = sample;
    options.keep_going = true;  // the whole search, past findings
    options.interrupt = install_interrupt_handler();
    explorer::Report report = explorer::explore(model::build_program(scenario.config), strategy, options);
    Estimate e;
    e.sample = report.executions;
    e.complete = report.complete;
    e.executions = report.complete ? static_cast<double>(report.executions) : strategy.estimated_executions();
    e.steps_per_execution =
        report.executions == 0 ? 0 : static_cast<double>(report.steps) / static_cast<double>(report.executions);
    e.seconds = report.seconds;
    e.steps = report.steps;
    e.interrupted = report.interrupted;
    return e;
}

namespace {

std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, x < 1e6 ? "%.0f" : "%.3g", x);
    return text;
}

std::string duration(double seconds) {
    char text[32];
    if (seconds < 120) {
        std::snprintf(text, sizeof text, "%.1f s", seconds);
    } else if (seconds < 7200) {
        std::snprintf(text, sizeof text, "%.1f min", seconds / 60);
    } else if (seconds < 172800) {
        std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
    } else {
        std::snprintf(text, sizeof text, "%.1f days", seconds / 86400);
    }
    return text;
}

double ns_per_step(const Estimate& e) { return e.steps == 0 ? 0 : e.seconds * 1e9 / static_cast<double>(e.steps); }

}  // namespace

std::string estimate_text(const model::Scenario& scenario, const std::string& file, const Estimate& e) {
    const double steps = e.executions * e.steps_per_execution;
    std::string text = "scenario    " + scenario.name + "  (" + file + ")\n";
    text += "model       " + describe_config(scenario) + "\n";
    if (e.complete) {
        text += "estimate    exact: dpor explores " + number(e.executions) + " executions (the search was shorter than its sample)\n";
    } else {
        text += "estimate    dpor explores about " + number(e.executions) + " executions (extrapolated from its first " +
                std::to_string(e.sample) + (e.interrupted ? ", interrupted" : "") +
                "; rough: it can be off by more than ten times either way, docs/cli.md)\n";
    }
    text += "            about " + number(steps) + " steps; at the sample's " + number(ns_per_step(e)) +
            " ns per step, about " + duration(steps * ns_per_step(e) * 1e-9) + " on one core\n";
    return text;
}

std::string estimate_json(const model::Scenario& scenario, const std::string& file, const Estimate& e) {
    nlohmann::ordered_json j;
    j["format"] = "ktcheck-estimate";
    j["version"] = 1;
    j["scenario"] = scenario.name;
    j["file"] = file;
    j["sample"] = e.sample;
    j["complete"] = e.complete;
    j["executions"] = e.executions;
    j["steps_per_execution"] = e.steps_per_execution;
    j["interrupted"] = e.interrupted;
    j["timing"] = {{"seconds", e.seconds}, {"ns_per_step", ns_per_step(e)},
                   {"estimated_seconds", e.executions * e.steps_per_execution * ns_per_step(e) * 1e-9}};
    return j.dump(2) + "\n";
}

}  // namespace cli
