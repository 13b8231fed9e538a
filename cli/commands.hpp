// cli/commands.hpp: the arguments and entry point of each subcommand (main.cpp binds them to CLI11).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cli {

// Command-line overrides of a scenario's "exploration" object.
struct ExplorationOverrides {
    std::optional<std::string> strategy;
    std::optional<std::uint64_t> max_steps;
    std::optional<std::uint64_t> max_executions;
    std::optional<std::uint64_t> seed;
    std::optional<std::string> granularity;
    std::optional<std::string> symmetry;
    bool keep_going = false;
};

struct ExploreArgs {
    std::string scenario;
    std::string trace_dir;  // empty: write no trace
    bool json = false;
    bool estimate = false;          // only estimate dpor's executions (cli/estimate.hpp)
    std::uint64_t sample = 10'000;  // executions of the search the estimate extrapolates from
    ExplorationOverrides overrides;
};

struct CheckArgs {
    std::vector<std::string> paths;
    std::string junit;  // empty: no JUnit file
    std::string trace_dir;
    ExplorationOverrides overrides;
};

struct ReplayArgs {
    std::string trace;
    std::string scenario;  // empty: the file the trace names, if it exists
    bool quiet = false;
    std::size_t lane_width = 30;
};

struct ShowArgs {
    std::string trace;
    std::size_t lane_width = 30;
    bool no_kernel = false;
};

int run_explore(const ExploreArgs& args);
int run_check(const CheckArgs& args);
int run_replay(const ReplayArgs& args);
int run_show(const ShowArgs& args);
int run_list(bool json);  // json: the registries as one JSON document

}  // namespace cli
