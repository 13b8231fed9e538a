// cli/swimlane.cpp: a trace drawn as swimlanes: one column per task, one row per step, the failure marked.
#include "cli/swimlane.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "cli/kernel_map.hpp"

namespace cli {

namespace {

// Display width of UTF-8 text (one column per code point: the model's texts are ASCII).
std::size_t width_of(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string fit(const std::string& text, std::size_t width) {
    if (width_of(text) <= width) {
        return text + std::string(width - width_of(text), ' ');
    }
    std::string out;
    std::size_t shown = 0;
    for (char c : text) {
        bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts && shown + 1 == width) {
            break;
        }
        shown += starts ? 1 : 0;
        out += c;
    }
    return out + "…";
}

std::string cell_of(const explorer::TraceStep& step) {
    std::string text = step.op;
    if (!step.choices.empty()) {
        text += " [choice";
        for (std::size_t c : step.choices) {
            text += " " + std::to_string(c);
        }
        text += "]";
    }
    if (!step.result.empty()) {
        text += " -> " + step.result;
    }
    return text;
}

}  // namespace

std::string render_swimlanes(const explorer::Trace& trace, const SwimlaneOptions& options) {
    std::vector<std::string> tasks;
    auto add_task = [&tasks](const std::string& task) {
        if (!task.empty() && std::find(tasks.begin(), tasks.end(), task) == tasks.end()) {
            tasks.push_back(task);
        }
    };
    for (const explorer::TraceStep& step : trace.steps) {
        add_task(step.task);
    }
    if (trace.failure) {
        add_task(trace.failure->task);
        for (const explorer::BlockedTask& b : trace.failure->blocked) {
            add_task(b.task);
        }
    }
    const std::size_t lane = std::max<std::size_t>(options.lane_width, 8);
    const std::size_t object_width = 26;
    std::string out;
    auto line = [&](const std::string& step, const std::vector<std::string>& cells, const std::string& object,
                    const std::string& mirrors) {
        std::string row = fit(step, 5);
        for (const std::string& cell : cells) {
            row += " | " + fit(cell, lane);
        }
        row += " | " + fit(object, object_width);
        if (options.kernel) {
            row += " | " + mirrors;
        }
        while (!row.empty() && row.back() == ' ') {
            row.pop_back();
        }
        out += row + "\n";
    };
    line(" step", tasks, "object", options.kernel ? "mirrors" : "");
    std::string rule = std::string(5, '-');
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        rule += "-+-" + std::string(lane, '-');
    }
    rule += "-+-" + std::string(object_width, '-');
    if (options.kernel) {
        rule += "-+-" + std::string(40, '-');
    }
    out += rule + "\n";

    auto failure_marker = [&] {
        const explorer::Failure& f = *trace.failure;
        out += "=====> FAILURE " + f.invariant + " (" + explorer::to_string(f.kind) + ") at step " +
               std::to_string(f.step) + (f.task.empty() ? "" : " in " + f.task) + "\n";
        std::string message = f.message;
        std::size_t start = 0;
        while (start <= message.size()) {
            std::size_t end = message.find('\n', start);
            out += "       " + message.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        for (const explorer::BlockedTask& b : f.blocked) {
            out += "       blocked: " + b.task + (b.daemon ? " (daemon)" : "") + " in " + b.waits_for +
                   (b.object.empty() ? "" : " on " + b.object) + "\n";
        }
    };
    bool marked = false;
    for (std::size_t i = 0; i < trace.steps.size(); ++i) {
        const explorer::TraceStep& step = trace.steps[i];
        std::vector<std::string> cells(tasks.size());
        auto at = std::find(tasks.begin(), tasks.end(), step.task);
        cells[static_cast<std::size_t>(at - tasks.begin())] = cell_of(step);
        std::string object = step.object + (step.also.empty() ? "" : " +" + step.also);
        bool failing = trace.failure && trace.failure->step == i;
        char number[32];
        std::snprintf(number, sizeof number, "%4zu%s", i, failing ? "!" : " ");
        line(number, cells, object, kernel_function_of(step.op));
        if (failing) {
            failure_marker();
            marked = true;
        }
    }
    if (trace.failure && !marked) {
        failure_marker();
    }
    return out;
}

}  // namespace cli
