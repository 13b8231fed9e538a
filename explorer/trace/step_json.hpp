// explorer/trace/step_json.hpp: one trace step as a line of JSON, written without allocating (the
// trace writer and the crash guard's signal handler share it, so a crash trace reads like any other).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

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
    char digits[21];
    std::size_t count = 0;
    std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    do {
        digits[count++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    std::size_t length = 0;
    if (n < 0) {
        buffer[length++] = '-';
    }
    while (count != 0) {
        buffer[length++] = digits[--count];
    }
    return {buffer, length};
}

// `put(const char*, std::size_t)` receives the text. The escaping is nlohmann::json's dump():
// quote, backslash and control characters; other bytes as they are.
template <class Put>
void put_json_string(std::string_view text, Put&& put) {
    static constexpr char hex[] = "0123456789abcdef";
    put("\"", 1);
    for (char c : text) {
        switch (c) {
            case '"': put("\\\"", 2); break;
            case '\\': put("\\\\", 2); break;
            case '\b': put("\\b", 2); break;
            case '\f': put("\\f", 2); break;
            case '\n': put("\\n", 2); break;
            case '\r': put("\\r", 2); break;
            case '\t': put("\\t", 2); break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char code[6] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
                    put(code, 6);
                } else {
                    put(&c, 1);
                }
        }
    }
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

}  // namespace explorer
