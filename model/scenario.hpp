// model/scenario.hpp: scenario files (format v1): a ModelConfig plus exploration bounds and the expected verdict.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/config.hpp"

namespace model {

inline constexpr const char* scenario_format = "ktcheck-scenario";
inline constexpr int scenario_version = 1;

// How to explore a scenario. Only max_steps changes what one execution does; the others
// choose which executions are run (they are not part of the scenario's hash).
struct Exploration {
    std::string strategy = "dpor";
    std::uint64_t max_steps = 10'000;   // 1..10^7
    std::uint64_t max_executions = 0;   // 0: no limit; at most 10^12
    std::uint64_t seed = 0;
    bool keep_going = false;
};

// The verdict a scenario is expected to get: pass, or fail with a named failure, i.e. an
// invariant name or a failure kind other than invariant ("deadlock", "step-bound", ...).
struct ExpectedVerdict {
    bool pass = true;
    std::string invariant;  // set iff !pass
    // Pinned: the executions an exhaustive run of the scenario's own exploration takes (a
    // change in the model or the reduction is then a reviewed diff of the scenario file).
    std::optional<std::uint64_t> executions;
};

struct Scenario {
    std::string name;          // [a-z0-9._-]+, used in trace file names
    std::string description;
    ModelConfig config;
    Exploration exploration;
    ExpectedVerdict expect;
};

// A load error: where (file, line and column when known, JSON pointer when known) and what.
struct ScenarioError {
    std::string file;
    std::size_t line = 0;    // 1-based; 0: unknown
    std::size_t column = 0;  // 1-based; 0: unknown
    std::string pointer;     // e.g. "/requesters/0/after"; empty: the whole document
    std::string message;

    // "file:line:col: error: /pointer: message" (the parts that are known).
    std::string to_string() const;
};

using ScenarioResult = std::variant<Scenario, ScenarioError>;

// Parses and validates a scenario document (syntax, types, unknown keys with a "did you
// mean", names, ranges, then model::validate()). `file` only labels errors. Never throws
// for bad input. `pointer_prefix` is prepended to pointers (for a scenario embedded in a trace).
ScenarioResult parse_scenario(const std::string& text, const std::string& file,
                              const std::string& pointer_prefix = "");

// Reads `path` (a missing file, a directory or an unreadable file is a ScenarioError).
ScenarioResult load_scenario_file(const std::string& path);

// The scenario as a canonical v1 document: every field present, fixed key order, one line.
// parse_scenario(to_canonical_json(s)) gives back `s`.
std::string to_canonical_json(const Scenario& scenario);

// "fnv1a64:<16 hex digits>" over the canonical JSON of what decides an execution's
// behaviour: variant, mutations, requesters, faults, invariants and max_steps. Reformatting
// the file, or changing the name, description, expect, strategy, seed, max_executions or
// keep_going does not change it.
std::string scenario_hash(const Scenario& scenario);

// The closest of `candidates` to `word` by edit distance, if close enough to suggest.
std::optional<std::string> did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
// `unknown <what> "<name>"`, with the closest known name or, when none is close, all of them.
std::string unknown_name(const std::string& what, const std::string& name, const std::vector<std::string>& known);

}  // namespace model
