// cli/trace_input.cpp: reading a trace file for replay and show: the file, its format, its embedded scenario.
#include "cli/trace_input.hpp"

#include "cli/files.hpp"

namespace cli {

std::optional<std::string> load_trace(const std::string& path, LoadedTrace* out) {
    out->path = display_path(path);
    std::string text;
    if (auto error = read_text_file(path, &text)) {
        return out->path + ": error: " + *error;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return out->path + ":1:1: error: empty file (a trace is a JSON object written by ktcheck explore --trace-dir)";
    }
    if (auto error = explorer::read_trace_json(text, &out->file)) {
        std::string where = out->path;
        if (error->line != 0) {
            where += ":" + std::to_string(error->line) + ":" + std::to_string(error->column);
        }
        return where + ": error: " + (error->pointer.empty() ? "" : error->pointer + ": ") + error->message;
    }
    if (!out->file.trace.failure) {
        return out->path + ": error: /failure: the trace records no failure (nothing to reproduce)";
    }
    model::ScenarioResult parsed = model::parse_scenario(out->file.scenario_json, out->path, "/scenario/content");
    if (auto* error = std::get_if<model::ScenarioError>(&parsed)) {
        return error->to_string();
    }
    out->scenario = std::get<model::Scenario>(parsed);
    if (out->scenario.name != out->file.scenario_name) {
        return out->path + ": error: /scenario/name: \"" + out->file.scenario_name +
               "\" but the embedded scenario is named \"" + out->scenario.name + "\"";
    }
    return std::nullopt;
}

}  // namespace cli
