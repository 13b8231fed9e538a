// cli/show_command.cpp: `ktcheck show TRACE.json`: the recorded trace as swimlanes.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/report.hpp"
#include "cli/swimlane.hpp"
#include "cli/trace_input.hpp"

namespace cli {

int run_show(const ShowArgs& args) {
    LoadedTrace loaded;
    if (auto error = load_trace(args.trace, &loaded)) {
        std::cerr << *error << "\n";
        return exit_bad_input;
    }
    const explorer::TraceFile& file = loaded.file;
    std::cout << "scenario  " << file.scenario_name << " (" << (file.scenario_file.empty() ? "-" : file.scenario_file)
              << ", " << file.scenario_hash << ")\n";
    if (!loaded.scenario.description.empty()) {
        std::cout << "          " << loaded.scenario.description << "\n";
    }
    std::cout << "model     " << describe_config(loaded.scenario) << "\n";
    std::cout << "found by  " << file.tool << ", strategy " << file.options.strategy << ", execution "
              << file.options.execution << ", " << file.trace.steps.size() << " steps\n\n";
    SwimlaneOptions options;
    options.lane_width = args.lane_width;
    options.kernel = !args.no_kernel;
    std::cout << render_swimlanes(file.trace, options);
    return exit_ok;
}

}  // namespace cli
