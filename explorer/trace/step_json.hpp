// explorer/trace/step_json.hpp: one trace step as a line of JSON, written without allocating (the
// trace writer and the crash guard's signal handler share it, so a crash trace reads like any other).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "explorer/failure.hpp"
#include "explorer/op.hpp"

namespace explorer {

// A step's fields as the trace file names them; empty strings are left out, as is access none.
struct StepFields {
    std::size_t index = 0;
    std::string_view task;
    std::string_view op;
    std::string_view object;
    std::string_view also;
    std::string_view lock;
    Access access = Access::none;
    std::span<const std::size_t> choices;
    std::string_view result;
};

// Decimal text of `n` in `buffer` (at least 21 bytes); returns the digits written.
inline std::string_view decimal(std::int64_t n, char* buffer) {
    return {buffer, static_cast<std::size_t>(std::to_chars(buffer, buffer + 21, n).ptr - buffer)};
}

// `put(const char*, std::size_t)` receives the text. The escaping is nlohmann::json's dump():
// quote, backslash and control characters; other bytes as they are.
template <class Put>
void put_json_string(std::string_view text, Put&& put) {
    static constexpr char hex[] = "0123456789abcdef";
    put("\"", 1);
    std::size_t plain = 0;  // the start of the run of bytes that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) {
            continue;
        }
        put(text.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': put("\\\"", 2); break;
            case '\\': put("\\\\", 2); break;
            case '\b': put("\\b", 2); break;
            case '\f': put("\\f", 2); break;
            case '\n': put("\\n", 2); break;
            case '\r': put("\\r", 2); break;
            case '\t': put("\\t", 2); break;
            default: {
                char code[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
                put(code, 6);
            }
        }
    }
    put(text.data() + plain, text.size() - plain);
    put("\"", 1);
}

template <class Put>
void put_step_json(const StepFields& step, Put&& put) {
    char number[24];
    auto literal = [&](std::string_view text) { put(text.data(), text.size()); };
    auto field = [&](std::string_view key, std::string_view value) {
        literal(",\"");
        literal(key);
        literal("\":");
        put_json_string(value, put);
    };
    literal("{\"i\":");
    literal(decimal(static_cast<std::int64_t>(step.index), number));
    field("task", step.task);
    field("op", step.op);
    if (!step.object.empty()) {
        field("obj", step.object);
    }
    if (!step.also.empty()) {
        field("also", step.also);
    }
    if (!step.lock.empty()) {
        field("lock", step.lock);
    }
    if (step.access != Access::none) {
        field("access", to_string(step.access));
    }
    if (!step.choices.empty()) {
        literal(",\"choice\":[");
        for (std::size_t i = 0; i < step.choices.size(); ++i) {
            if (i != 0) {
                literal(",");
            }
            literal(decimal(static_cast<std::int64_t>(step.choices[i]), number));
        }
        literal("]");
    }
    if (!step.result.empty()) {
        field("result", step.result);
    }
    literal("}");
}

// A failure object as failure_json() of the trace format writes it.
template <class Put>
void put_failure_json(FailureKind kind, std::string_view invariant, std::uint64_t step, std::string_view task,
                      std::string_view message, std::span<const BlockedTask> blocked, Put&& put) {
    char number[24];
    auto literal = [&](std::string_view text) { put(text.data(), text.size()); };
    literal("{\"kind\":");
    put_json_string(to_string(kind), put);
    literal(",\"invariant\":");
    put_json_string(invariant, put);
    literal(",\"step\":");
    literal(decimal(static_cast<std::int64_t>(step), number));
    literal(",\"task\":");
    put_json_string(task, put);
    literal(",\"message\":");
    put_json_string(message, put);
    literal(",\"blocked\":[");
    for (std::size_t i = 0; i < blocked.size(); ++i) {
        literal(i == 0 ? "{\"task\":" : ",{\"task\":");
        put_json_string(blocked[i].task, put);
        literal(",\"waits_for\":");
        put_json_string(blocked[i].waits_for, put);
        literal(",\"object\":");
        put_json_string(blocked[i].object, put);
        literal(blocked[i].daemon ? ",\"daemon\":true}" : ",\"daemon\":false}");
    }
    literal("]}");
}

// What follows trace_json_steps_open in a trace file: the steps (`fields_of(i)` gives step i's
// fields), then the failure (`put_failure()` writes it, or null) and the file's end.
template <class FieldsOf, class PutFailure, class Put>
void put_trace_rest(std::size_t steps, FieldsOf&& fields_of, PutFailure&& put_failure, Put&& put) {
    auto literal = [&](std::string_view text) { put(text.data(), text.size()); };
    for (std::size_t i = 0; i < steps; ++i) {
        literal(i == 0 ? "\n  " : ",\n  ");
        put_step_json(fields_of(i), put);
    }
    literal(steps == 0 ? "],\n" : "\n ],\n");
    literal(" \"failure\": ");
    put_failure();
    literal("\n}\n");
}

}  // namespace explorer
