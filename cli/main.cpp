// cli/main.cpp: the ktcheck command line (CLI11 setup only; each subcommand lives in its own file).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace {

struct OverrideOptions {
    std::string strategy;
    std::uint64_t max_steps = 0;
    std::uint64_t max_executions = 0;
    std::uint64_t seed = 0;
    std::string granularity;
    CLI::Option* granularity_option = nullptr;
    std::string symmetry;
    CLI::Option* symmetry_option = nullptr;
    CLI::Option* strategy_option = nullptr;
    CLI::Option* max_steps_option = nullptr;
    CLI::Option* max_executions_option = nullptr;
    CLI::Option* seed_option = nullptr;
    bool keep_going = false;

    void add_to(CLI::App* app) {
        strategy_option = app->add_option("--strategy", strategy, "exploration strategy (see `ktcheck list`)");
        max_steps_option = app->add_option("--max-steps", max_steps, "steps per execution before a step-bound failure");
        max_executions_option = app->add_option("--max-executions", max_executions, "stop after this many executions (0: no limit)");
        seed_option = app->add_option("--seed", seed, "seed for randomized strategies");
        granularity_option = app->add_option("--granularity", granularity,
                                             "model granularity: coarse (default) or fine (see `ktcheck list`)");
        symmetry_option = app->add_option("--symmetry", symmetry,
                                          "requesters (default: interchangeable requesters queue in turn) or none "
                                          "(every order; see `ktcheck list`)");
        app->add_flag("--keep-going", keep_going, "collect every distinct failure instead of stopping at the first");
    }

    cli::ExplorationOverrides get() const {
        cli::ExplorationOverrides o;
        if (strategy_option->count() > 0) {
            o.strategy = strategy;
        }
        if (max_steps_option->count() > 0) {
            o.max_steps = max_steps;
        }
        if (max_executions_option->count() > 0) {
            o.max_executions = max_executions;
        }
        if (seed_option->count() > 0) {
            o.seed = seed;
        }
        if (granularity_option->count() > 0) {
            o.granularity = granularity;
        }
        if (symmetry_option->count() > 0) {
            o.symmetry = symmetry;
        }
        o.keep_going = keep_going;
        return o;
    }
};

int run(int argc, char** argv) {
    CLI::App app{"ktcheck: a deterministic model checker for the Linux kernel's kthread creation protocol.\n"
                 "Exit codes: 0 pass, 1 failure/mismatch/not reproduced, 2 bad input, 3 internal error, 130 interrupted."};
    app.set_version_flag("--version", cli::tool_name);
    app.require_subcommand(1);

    cli::ExploreArgs explore;
    OverrideOptions explore_overrides;
    CLI::App* explore_cmd = app.add_subcommand("explore", "explore one scenario and report its failures");
    explore_cmd->add_option("scenario", explore.scenario, "scenario file (JSON, format ktcheck-scenario v1)")->required();
    explore_cmd->add_option("--trace-dir", explore.trace_dir, "write one trace file per distinct failure into DIR");
    explore_cmd->add_flag("--json", explore.json, "print the report as JSON");
    explore_cmd->add_flag("--estimate", explore.estimate,
                          "only estimate how many executions dpor needs and how long, from its first "
                          "--sample executions (no report, no traces)");
    explore_cmd->add_option("--sample", explore.sample, "executions behind --estimate (default 10000)")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
    explore_overrides.add_to(explore_cmd);

    cli::CheckArgs check;
    OverrideOptions check_overrides;
    CLI::App* check_cmd = app.add_subcommand("check", "run scenarios and compare each verdict with its `expect` (the CI gate)");
    check_cmd->add_option("paths", check.paths, "scenario files or directories (searched for *.json)")->required();
    check_cmd->add_option("--junit", check.junit, "write a JUnit XML report to FILE");
    check_cmd->add_option("--trace-dir", check.trace_dir, "write the traces of the failures found into DIR");
    check_overrides.add_to(check_cmd);

    cli::ReplayArgs replay;
    CLI::App* replay_cmd = app.add_subcommand("replay", "re-execute a trace exactly: 0 reproduced, 1 not (diverged, no longer fails, stale), 3 a reproduced fault of ktcheck or its model");
    replay_cmd->add_option("trace", replay.trace, "trace file (JSON, format ktcheck-trace v1)")->required();
    replay_cmd->add_option("--scenario", replay.scenario, "check the trace against this scenario file (default: the file the trace names, when it exists)");
    replay_cmd->add_flag("-q,--quiet", replay.quiet, "print the verdict only, not the swimlanes");
    replay_cmd->add_option("--lane-width", replay.lane_width, "width of a task's column")->check(CLI::Range(8, 200));

    cli::ShowArgs show;
    CLI::App* show_cmd = app.add_subcommand("show", "render a trace as swimlanes (one column per task)");
    show_cmd->add_option("trace", show.trace, "trace file")->required();
    show_cmd->add_option("--lane-width", show.lane_width, "width of a task's column")->check(CLI::Range(8, 200));
    show_cmd->add_flag("--no-kernel", show.no_kernel, "omit the column naming the kernel function each step mirrors");

    CLI::App* list_cmd = app.add_subcommand("list", "list variants, mutations, invariants and strategies");
    bool list_json = false;
    list_cmd->add_flag("--json", list_json, "print the registries as one JSON document (for tools)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? cli::exit_ok : cli::exit_bad_input;
    }
    if (explore_cmd->parsed()) {
        explore.overrides = explore_overrides.get();
        return cli::run_explore(explore);
    }
    if (check_cmd->parsed()) {
        check.overrides = check_overrides.get();
        return cli::run_check(check);
    }
    if (replay_cmd->parsed()) {
        return cli::run_replay(replay);
    }
    if (show_cmd->parsed()) {
        return cli::run_show(show);
    }
    if (list_cmd->parsed()) {
        return cli::run_list(list_json);
    }
    return cli::exit_bad_input;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "ktcheck: internal error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "ktcheck: internal error: unknown exception\n";
    }
    return cli::exit_internal;
}
