// cli/trace_input.hpp: reading a trace file for replay and show: the file, its format, its embedded scenario.
#pragma once

#include <optional>
#include <string>

#include "explorer/trace/trace_json.hpp"
#include "model/scenario.hpp"

namespace cli {

struct LoadedTrace {
    std::string path;
    explorer::TraceFile file;
    model::Scenario scenario;  // the embedded one
};

// nullopt on success; otherwise the error line ("path:line:col: error: ..." or "path: error: /pointer: ...").
std::optional<std::string> load_trace(const std::string& path, LoadedTrace* out);

}  // namespace cli
