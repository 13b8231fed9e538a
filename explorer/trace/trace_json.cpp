// explorer/trace/trace_json.cpp: writing and reading trace files (format v1) with nlohmann/json.
#include "explorer/trace/trace_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "explorer/trace/step_json.hpp"

namespace explorer {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

struct Bad {
    std::string pointer;
    std::string message;
};

[[noreturn]] void bad(std::string pointer, std::string message) { throw Bad{std::move(pointer), std::move(message)}; }

const Json& member(const Json& object, const std::string& pointer, const char* key) {
    if (!object.is_object()) {
        bad(pointer, "expected an object");
    }
    auto it = object.find(key);
    if (it == object.end()) {
        bad(pointer, std::string("missing required key \"") + key + "\"");
    }
    return *it;
}

void only_keys(const Json& object, const std::string& pointer, std::initializer_list<const char*> keys) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; })) {
            bad(pointer + "/" + it.key(), "unknown key \"" + it.key() + "\"");
        }
    }
}

std::string text(const Json& value, const std::string& pointer) {
    if (!value.is_string()) {
        bad(pointer, "expected a string");
    }
    return value.get<std::string>();
}

std::string optional_text(const Json& object, const std::string& pointer, const char* key) {
    auto it = object.find(key);
    return it == object.end() ? std::string() : text(*it, pointer + "/" + key);
}

std::uint64_t number(const Json& value, const std::string& pointer) {
    if (!value.is_number_unsigned()) {
        bad(pointer, "expected a non-negative integer");
    }
    return value.get<std::uint64_t>();
}

bool parse_access(const std::string& name, Access* access) {
    for (unsigned i = 0; i <= static_cast<unsigned>(last_access); ++i) {
        const Access a = static_cast<Access>(i);
        if (name == to_string(a)) {
            *access = a;
            return true;
        }
    }
    return false;
}

bool parse_kind(const std::string& name, FailureKind* kind) {
    for (FailureKind k : failure_kinds) {
        if (name == to_string(k)) {
            *kind = k;
            return true;
        }
    }
    return false;
}

TraceStep read_step(const Json& value, std::size_t index, const std::string& pointer) {
    if (!value.is_object()) {
        bad(pointer, "expected a step object");
    }
    only_keys(value, pointer, {"i", "task", "op", "obj", "also", "lock", "access", "choice", "result"});
    if (number(member(value, pointer, "i"), pointer + "/i") != index) {
        bad(pointer + "/i", "expected " + std::to_string(index) + " (steps are numbered from 0, in order)");
    }
    TraceStep step;
    step.task = text(member(value, pointer, "task"), pointer + "/task");
    step.op = text(member(value, pointer, "op"), pointer + "/op");
    step.object = optional_text(value, pointer, "obj");
    step.also = optional_text(value, pointer, "also");
    step.lock = optional_text(value, pointer, "lock");
    if (auto it = value.find("access"); it != value.end()) {
        if (!parse_access(text(*it, pointer + "/access"), &step.access)) {
            bad(pointer + "/access", "expected none, read, write or read-write");
        }
    }
    if (auto it = value.find("choice"); it != value.end()) {
        if (!it->is_array()) {
            bad(pointer + "/choice", "expected an array of choices");
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            std::uint64_t c = number((*it)[i], pointer + "/choice/" + std::to_string(i));
            if (c > 1'000'000) {
                bad(pointer + "/choice/" + std::to_string(i), "choice out of range");
            }
            step.choices.push_back(static_cast<std::size_t>(c));
        }
    }
    step.result = optional_text(value, pointer, "result");
    return step;
}

Failure read_failure(const Json& value) {
    const std::string pointer = "/failure";
    if (!value.is_object()) {
        bad(pointer, "expected an object");
    }
    only_keys(value, pointer, {"kind", "invariant", "step", "task", "message", "blocked"});
    Failure failure;
    if (!parse_kind(text(member(value, pointer, "kind"), pointer + "/kind"), &failure.kind)) {
        bad(pointer + "/kind", "unknown failure kind");
    }
    failure.invariant = text(member(value, pointer, "invariant"), pointer + "/invariant");
    failure.step = number(member(value, pointer, "step"), pointer + "/step");
    failure.task = optional_text(value, pointer, "task");
    failure.message = optional_text(value, pointer, "message");
    if (auto it = value.find("blocked"); it != value.end()) {
        if (!it->is_array()) {
            bad(pointer + "/blocked", "expected an array");
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            std::string at = pointer + "/blocked/" + std::to_string(i);
            const Json& entry = (*it)[i];
            if (!entry.is_object()) {
                bad(at, "expected an object");
            }
            only_keys(entry, at, {"task", "waits_for", "object", "daemon"});
            BlockedTask b;
            b.task = text(member(entry, at, "task"), at + "/task");
            b.waits_for = optional_text(entry, at, "waits_for");
            b.object = optional_text(entry, at, "object");
            if (auto d = entry.find("daemon"); d != entry.end()) {
                if (!d->is_boolean()) {
                    bad(at + "/daemon", "expected true or false");
                }
                b.daemon = d->get<bool>();
            }
            failure.blocked.push_back(b);
        }
    }
    return failure;
}

}  // namespace

std::string trace_json_head(const TraceFile& file) {
    OrderedJson scenario{{"name", file.scenario_name},
                         {"hash", file.scenario_hash},
                         {"file", file.scenario_file},
                         {"content", OrderedJson::parse(file.scenario_json.empty() ? "{}" : file.scenario_json)}};
    std::string out = "{\n";
    out += " \"format\": " + OrderedJson(trace_format).dump() + ",\n";
    out += " \"version\": " + std::to_string(trace_version) + ",\n";
    out += " \"tool\": " + OrderedJson(file.tool).dump() + ",\n";
    out += " \"scenario\": " + scenario.dump() + ",\n";
    out += " \"options\": {\"strategy\":" + OrderedJson(file.options.strategy).dump() +
           ",\"seed\":" + std::to_string(file.options.seed) + ",\"max_steps\":" + std::to_string(file.options.max_steps) +
           ",\"execution\":";
    return out;
}

std::string write_trace_json(const TraceFile& file) {
    std::string out = trace_json_head(file);
    out += std::to_string(file.options.execution) + trace_json_steps_open;
    auto put = [&out](const char* text, std::size_t size) { out.append(text, size); };
    const std::vector<TraceStep>& steps = file.trace.steps;
    put_trace_rest(
        steps.size(),
        [&steps](std::size_t i) {
            const TraceStep& step = steps[i];
            return StepFields{i, step.task, step.op, step.object, step.also, step.lock, step.access, step.choices,
                              step.result};
        },
        [&] {
            if (const std::optional<Failure>& f = file.trace.failure) {
                put_failure_json(f->kind, f->invariant, f->step, f->task, f->message, f->blocked, put);
            } else {
                out += "null";
            }
        },
        put);
    return out;
}

std::optional<TraceFileError> read_trace_json(const std::string& input, TraceFile* file) {
    TraceFileError error;
    Json doc;
    try {
        doc = Json::parse(input);
    } catch (const Json::parse_error& e) {
        std::string what = e.what();
        std::size_t colon = what.find(": ");
        error.message = "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
        std::size_t offset = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, input.size());
        error.line = 1 + static_cast<std::size_t>(std::count(input.begin(), input.begin() + static_cast<long>(offset), '\n'));
        std::size_t newline = input.rfind('\n', offset == 0 ? 0 : offset - 1);
        error.column = offset - (newline == std::string::npos || offset == 0 ? 0 : newline + 1) + 1;
        return error;
    } catch (const Json::exception& e) {
        std::string what = e.what();
        std::size_t bracket = what.find("] ");
        error.message = "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2));
        return error;
    }
    try {
        if (!doc.is_object()) {
            bad("", "a trace is a JSON object");
        }
        const Json& format = member(doc, "", "format");
        if (!format.is_string() || format.get<std::string>() != trace_format) {
            bad("/format", std::string("not a ktcheck trace (expected \"") + trace_format + "\", got " + format.dump() + ")");
        }
        const Json& version = member(doc, "", "version");
        if (!version.is_number_unsigned() || version.get<std::uint64_t>() == 0) {
            bad("/version", "expected a positive integer");
        }
        if (version.get<std::uint64_t>() != static_cast<std::uint64_t>(trace_version)) {
            bad("/version", "unsupported trace version " + version.dump() + " (this ktcheck reads version " +
                                std::to_string(trace_version) + ")");
        }
        only_keys(doc, "", {"format", "version", "tool", "scenario", "options", "steps", "failure"});
        TraceFile out;
        out.tool = text(member(doc, "", "tool"), "/tool");
        const Json& scenario = member(doc, "", "scenario");
        if (!scenario.is_object()) {
            bad("/scenario", "expected an object");
        }
        only_keys(scenario, "/scenario", {"name", "hash", "file", "content"});
        out.scenario_name = text(member(scenario, "/scenario", "name"), "/scenario/name");
        out.scenario_hash = text(member(scenario, "/scenario", "hash"), "/scenario/hash");
        out.scenario_file = optional_text(scenario, "/scenario", "file");
        const Json& content = member(scenario, "/scenario", "content");
        if (!content.is_object()) {
            bad("/scenario/content", "expected the embedded scenario (an object)");
        }
        out.scenario_json = content.dump();
        const Json& options = member(doc, "", "options");
        if (!options.is_object()) {
            bad("/options", "expected an object");
        }
        only_keys(options, "/options", {"strategy", "seed", "max_steps", "execution"});
        out.options.strategy = optional_text(options, "/options", "strategy");
        if (auto it = options.find("seed"); it != options.end()) {
            out.options.seed = number(*it, "/options/seed");
        }
        if (auto it = options.find("max_steps"); it != options.end()) {
            out.options.max_steps = number(*it, "/options/max_steps");
        }
        if (auto it = options.find("execution"); it != options.end()) {
            out.options.execution = number(*it, "/options/execution");
        }
        const Json& steps = member(doc, "", "steps");
        if (!steps.is_array()) {
            bad("/steps", "expected an array");
        }
        for (std::size_t i = 0; i < steps.size(); ++i) {
            out.trace.steps.push_back(read_step(steps[i], i, "/steps/" + std::to_string(i)));
        }
        const Json& failure = member(doc, "", "failure");
        if (!failure.is_null()) {
            out.trace.failure = read_failure(failure);
            if (out.trace.failure->step > out.trace.steps.size()) {
                bad("/failure/step", "beyond the last step");
            }
        }
        *file = std::move(out);
        return std::nullopt;
    } catch (const Bad& b) {
        error.pointer = b.pointer;
        error.message = b.message;
        return error;
    }
}

}  // namespace explorer
