// explorer/trace/trace_json.hpp: trace files (format v1): a Trace with its scenario and options, as JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "explorer/trace/trace.hpp"

namespace explorer {

inline constexpr const char* trace_format = "ktcheck-trace";
inline constexpr int trace_version = 1;

// The options a trace was found with (informative: replay needs only the steps).
struct TraceOptions {
    std::string strategy;
    std::uint64_t seed = 0;
    std::uint64_t max_steps = 0;
    std::uint64_t execution = 0;  // index of the execution that found it
};

// A trace file. The explorer knows nothing of scenarios: the scenario is carried as an
// opaque JSON document (`scenario_json`), embedded as an object in the file.
struct TraceFile {
    std::string tool;            // e.g. "ktcheck 0.1.0"
    std::string scenario_name;
    std::string scenario_hash;
    std::string scenario_file;   // as given when the trace was written; may be empty
    std::string scenario_json;   // a JSON object (text)
    TraceOptions options;
    Trace trace;
};

struct TraceFileError {
    std::size_t line = 0;    // 1-based; 0: unknown (then `pointer` says where)
    std::size_t column = 0;
    std::string pointer;
    std::string message;
};

// The file's text up to the execution index in "options", and what follows that index up to the
// first step: what the crash guard completes from a signal handler (explorer/crash_guard.hpp).
std::string trace_json_head(const TraceFile& file);
inline constexpr const char* trace_json_steps_open = "},\n \"steps\": [";

// The file's text: stable key order, one step per line, ends with a newline. Deterministic.
std::string write_trace_json(const TraceFile& file);

// Parses a trace file; a wrong format, an unknown major version, a missing or mistyped
// field is an error (never an exception).
std::optional<TraceFileError> read_trace_json(const std::string& text, TraceFile* file);

}  // namespace explorer
