// model/scenario_json.cpp: scenario files v1: parsing, validation with positions, canonical form and hash.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <system_error>

#include "explorer/failure.hpp"
#include "explorer/hash.hpp"
#include "explorer/strategy/registry.hpp"
#include "model/invariant.hpp"
#include "model/kthread/protocol.hpp"
#include "model/program.hpp"
#include "model/scenario.hpp"

namespace model {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::uint64_t max_steps_limit = 10'000'000;
constexpr std::uint64_t max_executions_limit = 1'000'000'000'000;
constexpr std::size_t max_requesters = 8;
constexpr std::uint64_t max_fault_count = 8;
constexpr std::size_t max_file_bytes = 1 << 20;

// ---- positions: nlohmann keeps none, so a second pass over the (valid) text records them.

std::string escape_pointer_token(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

struct Positions {
    std::map<std::string, std::size_t> value;  // pointer -> offset of the value
    std::map<std::string, std::size_t> key;    // pointer -> offset of the key naming it
    std::string duplicate;                     // pointer of the first duplicate key, if any
};

class Scanner {
public:
    Scanner(const std::string& text, Positions& positions) : text_(text), positions_(positions) {}

    void scan() {
        if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
            i_ = 3;
        }
        value("");
    }

private:
    void skip_space() {
        while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\n' || text_[i_] == '\r')) {
            ++i_;
        }
    }
    std::string string_token() {
        std::size_t start = i_;
        ++i_;
        while (i_ < text_.size() && text_[i_] != '"') {
            i_ += text_[i_] == '\\' ? 2u : 1u;
        }
        ++i_;
        return text_.substr(start, i_ - start);
    }
    void value(const std::string& pointer) {
        skip_space();
        positions_.value.emplace(pointer, i_);
        if (i_ >= text_.size()) {
            return;
        }
        char c = text_[i_];
        if (c == '{') {
            ++i_;
            std::set<std::string> seen;
            while (true) {
                skip_space();
                if (i_ >= text_.size() || text_[i_] == '}') {
                    ++i_;
                    return;
                }
                if (text_[i_] == ',') {
                    ++i_;
                    continue;
                }
                std::size_t key_at = i_;
                std::string key = Json::parse(string_token()).get<std::string>();
                std::string child = pointer + "/" + escape_pointer_token(key);
                if (!seen.insert(key).second && positions_.duplicate.empty()) {
                    positions_.duplicate = child;
                }
                positions_.key.emplace(child, key_at);
                skip_space();
                ++i_;  // ':'
                value(child);
            }
        } else if (c == '[') {
            ++i_;
            std::size_t index = 0;
            while (true) {
                skip_space();
                if (i_ >= text_.size() || text_[i_] == ']') {
                    ++i_;
                    return;
                }
                if (text_[i_] == ',') {
                    ++i_;
                    continue;
                }
                value(pointer + "/" + std::to_string(index++));
            }
        } else if (c == '"') {
            string_token();
        } else {
            while (i_ < text_.size() && std::string_view(",]} \t\r\n").find(text_[i_]) == std::string_view::npos) {
                ++i_;
            }
        }
    }

    const std::string& text_;
    Positions& positions_;
    std::size_t i_ = 0;
};

void line_column(const std::string& text, std::size_t offset, std::size_t* line, std::size_t* column) {
    offset = std::min(offset, text.size());
    *line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++*line;
            line_start = i + 1;
        }
    }
    *column = offset - line_start + 1;
}

// ---- validation: errors are thrown inside this file and returned as values by parse_scenario.

struct Invalid {
    std::string pointer;
    std::string message;
    bool at_key = false;  // point at the key rather than at its value
};

[[noreturn]] void invalid(std::string pointer, std::string message, bool at_key = false) {
    throw Invalid{std::move(pointer), std::move(message), at_key};
}

class Reader {
public:
    Reader(const std::string& text, const Positions& positions) : text_(text), positions_(positions) {}

    // The source text of the value at `pointer`, shortened, for "got ..." in messages.
    std::string source(const std::string& pointer, const Json& value) const {
        if (value.is_object()) {
            return "an object";
        }
        if (value.is_array()) {
            return "an array";
        }
        auto it = positions_.value.find(pointer);
        std::string raw;
        if (it != positions_.value.end()) {
            std::size_t end = it->second;
            if (value.is_string()) {
                end = it->second + 1;
                while (end < text_.size() && text_[end] != '"') {
                    end += text_[end] == '\\' ? 2u : 1u;
                }
                ++end;
            } else {
                while (end < text_.size() && std::string_view(",]} \t\r\n").find(text_[end]) == std::string_view::npos) {
                    ++end;
                }
            }
            raw = text_.substr(it->second, std::min(end, text_.size()) - it->second);
        } else {
            raw = value.dump();
        }
        if (raw.size() > 40) {
            raw = raw.substr(0, 37) + "...";
        }
        return raw;
    }

    static std::string kind_of(const Json& value) {
        switch (value.type()) {
            case Json::value_t::object: return "an object";
            case Json::value_t::array: return "an array";
            case Json::value_t::string: return "a string";
            case Json::value_t::boolean: return "a boolean";
            case Json::value_t::null: return "null";
            default: return "a number";
        }
    }

    void expect_object(const Json& value, const std::string& pointer) const {
        if (!value.is_object()) {
            invalid(pointer, "expected an object, got " + source(pointer, value));
        }
    }

    void check_keys(const Json& object, const std::string& pointer, const std::vector<std::string>& allowed) const {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
                std::string message = "unknown key \"" + it.key() + "\"";
                if (auto suggestion = did_you_mean(it.key(), allowed)) {
                    message += " (did you mean \"" + *suggestion + "\"?)";
                } else {
                    message += " (known keys:";
                    for (const std::string& key : allowed) {
                        message += " " + key;
                    }
                    message += ")";
                }
                invalid(pointer + "/" + escape_pointer_token(it.key()), message, true);
            }
        }
    }

    const Json* find(const Json& object, const std::string& key, const std::string& pointer, bool required) const {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                invalid(pointer, "missing required key \"" + key + "\"");
            }
            return nullptr;
        }
        return &*it;
    }

    std::string string_at(const Json& value, const std::string& pointer) const {
        if (!value.is_string()) {
            invalid(pointer, "expected a string, got " + source(pointer, value));
        }
        return value.get<std::string>();
    }

    bool bool_at(const Json& value, const std::string& pointer) const {
        if (!value.is_boolean()) {
            invalid(pointer, "expected true or false, got " + source(pointer, value));
        }
        return value.get<bool>();
    }

    std::uint64_t uint_at(const Json& value, const std::string& pointer, std::uint64_t low, std::uint64_t high) const {
        std::string range = "an integer from " + std::to_string(low) + " to " + std::to_string(high);
        if (value.is_number_unsigned()) {
            std::uint64_t n = value.get<std::uint64_t>();
            if (n < low || n > high) {
                invalid(pointer, "out of range: expected " + range + ", got " + source(pointer, value));
            }
            return n;
        }
        if (value.is_number_integer()) {  // negative
            invalid(pointer, "out of range: expected " + range + ", got " + source(pointer, value));
        }
        if (value.is_number_float()) {
            double d = value.get<double>();
            if (d != std::trunc(d)) {
                invalid(pointer, "expected " + range + ", got " + source(pointer, value));
            }
            if (d >= static_cast<double>(low) && d <= static_cast<double>(high)) {
                invalid(pointer, "expected " + range + " written without a fraction or exponent, got " +
                                     source(pointer, value));
            }
            invalid(pointer, "out of range: expected " + range + ", got " + source(pointer, value));
        }
        invalid(pointer, "expected " + range + ", got " + source(pointer, value));
    }

    const Json& array_at(const Json& value, const std::string& pointer) const {
        if (!value.is_array()) {
            invalid(pointer, "expected an array, got " + source(pointer, value));
        }
        return value;
    }

private:
    const std::string& text_;
    const Positions& positions_;
};

std::string name_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

std::vector<std::string> variant_names() {
    std::vector<std::string> names;
    for (const Variant* v : variants()) {
        names.emplace_back(v->name);
    }
    return names;
}

std::vector<std::string> mutation_names() {
    std::vector<std::string> names;
    for (const Mutation* m : mutations()) {
        names.emplace_back(m->name);
    }
    return names;
}

std::vector<std::string> invariant_names() {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < invariant_count; ++i) {
        names.emplace_back(name_of(static_cast<Invariant>(i)));
    }
    return names;
}

// Names an expect may use: the invariants, and the failure kinds that are verdicts on the
// protocol (deadlock, step-bound). A fault of ktcheck or of its model is exit 3, never expected.
std::vector<std::string> failure_names() {
    std::vector<std::string> names = invariant_names();
    for (explorer::FailureKind kind : explorer::failure_kinds) {
        if (kind != explorer::FailureKind::invariant && !explorer::is_internal(kind)) {
            names.emplace_back(explorer::to_string(kind));
        }
    }
    return names;
}

const std::vector<std::string> top_keys{"format",     "version", "name",       "description", "variant",    "mutations",
                                        "requesters", "faults",  "invariants", "granularity", "symmetry",
                                        "exploration", "expect"};
const std::vector<std::string> requester_keys{"fatal_signal", "after"};
const std::vector<std::string> fault_keys{"fork_failure", "kmalloc_failure", "oom", "max_fork_failures",
                                          "max_kmalloc_failures"};
const std::vector<std::string> exploration_keys{"strategy", "max_steps", "max_executions", "seed", "keep_going"};
const std::vector<std::string> expect_keys{"verdict", "invariant", "executions"};
std::vector<std::string> unique_names(const Reader& r, const Json& doc, const std::string& key, const std::string& what,
                                      const std::vector<std::string>& known) {
    std::vector<std::string> out;
    const Json* list = r.find(doc, key, "", false);
    if (list == nullptr) {
        return out;
    }
    std::string pointer = "/" + key;
    r.array_at(*list, pointer);
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string at = pointer + "/" + std::to_string(i);
        std::string name = r.string_at((*list)[i], at);
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            invalid(at, unknown_name(what, name, known));
        }
        if (std::find(out.begin(), out.end(), name) != out.end()) {
            invalid(at, what + " \"" + name + "\" is listed twice");
        }
        out.push_back(name);
    }
    return out;
}

Scenario read_scenario(const Json& doc, const Reader& r) {
    r.expect_object(doc, "");
    const Json& format = *r.find(doc, "format", "", true);
    if (r.string_at(format, "/format") != scenario_format) {
        invalid("/format", "expected \"" + std::string(scenario_format) + "\", got " + r.source("/format", format));
    }
    const Json& version = *r.find(doc, "version", "", true);
    if (!version.is_number_unsigned() || version.get<std::uint64_t>() == 0) {
        invalid("/version", "expected a positive integer, got " + r.source("/version", version));
    }
    if (version.get<std::uint64_t>() != static_cast<std::uint64_t>(scenario_version)) {
        invalid("/version", "unsupported scenario version " + r.source("/version", version) + " (this ktcheck reads version " +
                                std::to_string(scenario_version) + ")");
    }
    r.check_keys(doc, "", top_keys);

    Scenario s;
    s.name = r.string_at(*r.find(doc, "name", "", true), "/name");
    if (s.name.empty() || s.name.size() > 100 ||
        !std::all_of(s.name.begin(), s.name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   c == '.';
        }) ||
        s.name[0] == '.') {
        invalid("/name", "a name is 1 to 100 of [A-Za-z0-9._-], not starting with '.' (it names trace files)");
    }
    if (const Json* description = r.find(doc, "description", "", false)) {
        s.description = r.string_at(*description, "/description");
    }

    s.config.variant = r.string_at(*r.find(doc, "variant", "", true), "/variant");
    const Variant* variant = find_variant(s.config.variant);
    if (variant == nullptr) {
        invalid("/variant", unknown_name("variant", s.config.variant, variant_names()));
    }
    s.config.mutations = unique_names(r, doc, "mutations", "mutation", mutation_names());
    for (std::size_t i = 0; i < s.config.mutations.size(); ++i) {
        const Mutation* mutation = find_mutation(s.config.mutations[i]);
        if (!mutation->applies_to(*variant)) {
            invalid("/mutations/" + std::to_string(i),
                    "mutation \"" + s.config.mutations[i] + "\" does not apply to " + variant->name);
        }
    }

    const Json& requesters = r.array_at(*r.find(doc, "requesters", "", true), "/requesters");
    if (requesters.empty() || requesters.size() > max_requesters) {
        invalid("/requesters", "expected 1 to " + std::to_string(max_requesters) + " requesters, got " +
                                   std::to_string(requesters.size()));
    }
    s.config.requesters.clear();
    for (std::size_t i = 0; i < requesters.size(); ++i) {
        std::string at = "/requesters/" + std::to_string(i);
        const Json& entry = requesters[i];
        r.expect_object(entry, at);
        r.check_keys(entry, at, requester_keys);
        RequesterConfig rc;
        if (const Json* fatal = r.find(entry, "fatal_signal", at, false)) {
            rc.fatal_signal = r.bool_at(*fatal, at + "/fatal_signal");
        }
        if (const Json* after = r.find(entry, "after", at, false)) {
            std::string text = r.string_at(*after, at + "/after");
            if (!parse_after_creation(text, &rc.after)) {
                invalid(at + "/after", unknown_name("after-creation action", text, names_of(after_creation_actions())));
            }
            if (rc.after == AfterCreation::park && !variant->has_park) {
                invalid(at + "/after", std::string(variant->name) + " has no kthread_park() (park needs era-c or later)");
            }
        }
        s.config.requesters.push_back(rc);
    }

    if (const Json* faults = r.find(doc, "faults", "", false)) {
        r.expect_object(*faults, "/faults");
        r.check_keys(*faults, "/faults", fault_keys);
        Faults& f = s.config.faults;
        if (const Json* v = r.find(*faults, "fork_failure", "/faults", false)) {
            f.fork_failure = r.bool_at(*v, "/faults/fork_failure");
        }
        if (const Json* v = r.find(*faults, "kmalloc_failure", "/faults", false)) {
            f.kmalloc_failure = r.bool_at(*v, "/faults/kmalloc_failure");
        }
        if (const Json* v = r.find(*faults, "oom", "/faults", false)) {
            f.oom = r.bool_at(*v, "/faults/oom");
        }
        if (const Json* v = r.find(*faults, "max_fork_failures", "/faults", false)) {
            f.max_fork_failures = static_cast<unsigned>(r.uint_at(*v, "/faults/max_fork_failures", 1, max_fault_count));
        }
        if (const Json* v = r.find(*faults, "max_kmalloc_failures", "/faults", false)) {
            f.max_kmalloc_failures =
                static_cast<unsigned>(r.uint_at(*v, "/faults/max_kmalloc_failures", 1, max_fault_count));
        }
    }

    s.config.invariants = unique_names(r, doc, "invariants", "invariant", invariant_names());
    if (const Json* v = r.find(doc, "granularity", "", false)) {
        std::string text = r.string_at(*v, "/granularity");
        if (!parse_granularity(text, &s.config.granularity)) {
            invalid("/granularity", unknown_name("granularity", text, names_of(granularities())));
        }
    }
    if (const Json* v = r.find(doc, "symmetry", "", false)) {
        std::string text = r.string_at(*v, "/symmetry");
        if (!parse_symmetry(text, &s.config.symmetry)) {
            invalid("/symmetry", unknown_name("symmetry", text, names_of(symmetries())));
        }
    }

    if (const Json* exploration = r.find(doc, "exploration", "", false)) {
        r.expect_object(*exploration, "/exploration");
        r.check_keys(*exploration, "/exploration", exploration_keys);
        Exploration& e = s.exploration;
        if (const Json* v = r.find(*exploration, "strategy", "/exploration", false)) {
            e.strategy = r.string_at(*v, "/exploration/strategy");
            std::vector<std::string> known;
            for (const explorer::StrategyInfo& info : explorer::strategies()) {
                known.emplace_back(info.name);
            }
            if (std::find(known.begin(), known.end(), e.strategy) == known.end()) {
                invalid("/exploration/strategy", unknown_name("strategy", e.strategy, known));
            }
        }
        if (const Json* v = r.find(*exploration, "max_steps", "/exploration", false)) {
            e.max_steps = r.uint_at(*v, "/exploration/max_steps", 1, max_steps_limit);
        }
        if (const Json* v = r.find(*exploration, "max_executions", "/exploration", false)) {
            e.max_executions = r.uint_at(*v, "/exploration/max_executions", 0, max_executions_limit);
        }
        if (const Json* v = r.find(*exploration, "seed", "/exploration", false)) {
            e.seed = r.uint_at(*v, "/exploration/seed", 0, UINT64_MAX);
        }
        if (const Json* v = r.find(*exploration, "keep_going", "/exploration", false)) {
            e.keep_going = r.bool_at(*v, "/exploration/keep_going");
        }
    }

    const Json& expect = *r.find(doc, "expect", "", true);
    r.expect_object(expect, "/expect");
    r.check_keys(expect, "/expect", expect_keys);
    std::string verdict = r.string_at(*r.find(expect, "verdict", "/expect", true), "/expect/verdict");
    if (verdict == "pass") {
        if (expect.contains("invariant")) {
            invalid("/expect/invariant", "an invariant is named only with \"verdict\": \"fail\"", true);
        }
        s.expect.pass = true;
    } else if (verdict == "fail") {
        s.expect.pass = false;
        s.expect.invariant = r.string_at(*r.find(expect, "invariant", "/expect", true), "/expect/invariant");
        std::vector<std::string> known = failure_names();
        if (std::find(known.begin(), known.end(), s.expect.invariant) == known.end()) {
            invalid("/expect/invariant", unknown_name("invariant or failure kind", s.expect.invariant, known));
        }
        Invariant id;
        if (!s.config.invariants.empty() && invariant_by_name(s.expect.invariant, &id) &&
            std::find(s.config.invariants.begin(), s.config.invariants.end(), s.expect.invariant) ==
                s.config.invariants.end()) {
            invalid("/expect/invariant", "\"" + s.expect.invariant + "\" is not among the checked /invariants");
        }
    } else {
        invalid("/expect/verdict", unknown_name("verdict", verdict, {"pass", "fail"}));
    }
    if (const Json* v = r.find(expect, "executions", "/expect", false)) {
        s.expect.executions = r.uint_at(*v, "/expect/executions", 1, max_executions_limit);
    }

    if (auto problem = validate(s.config)) {
        invalid("", *problem);
    }
    return s;
}

OrderedJson semantic_json(const Scenario& s) {
    OrderedJson requesters = OrderedJson::array();
    for (const RequesterConfig& rc : s.config.requesters) {
        requesters.push_back(OrderedJson{{"fatal_signal", rc.fatal_signal}, {"after", to_string(rc.after)}});
    }
    const Faults& f = s.config.faults;
    OrderedJson doc{{"variant", s.config.variant},
                       {"mutations", s.config.mutations},
                       {"requesters", requesters},
                       {"faults",
                        OrderedJson{{"fork_failure", f.fork_failure},
                                    {"kmalloc_failure", f.kmalloc_failure},
                                    {"oom", f.oom},
                                    {"max_fork_failures", f.max_fork_failures},
                                    {"max_kmalloc_failures", f.max_kmalloc_failures}}},
                       {"invariants", s.config.invariants},
                       {"max_steps", s.exploration.max_steps}};
    if (s.config.granularity != Granularity::coarse) {
        doc["granularity"] = to_string(s.config.granularity);  // absent: the default (hashes stay)
    }
    if (s.config.symmetry != Symmetry::requesters) {
        doc["symmetry"] = to_string(s.config.symmetry);  // a trace of `none` may not replay with turns
    }
    return doc;
}

}  // namespace

std::string ScenarioError::to_string() const {
    std::string out = file;
    if (line != 0) {
        out += ":" + std::to_string(line) + ":" + std::to_string(column);
    }
    out += ": error: ";
    if (!pointer.empty()) {
        out += pointer + ": ";
    }
    return out + message;
}


std::string unknown_name(const std::string& what, const std::string& name, const std::vector<std::string>& known) {
    std::string message = "unknown " + what + " \"" + name + "\"";
    if (auto suggestion = did_you_mean(name, known)) {
        message += " (did you mean \"" + *suggestion + "\"?)";
    } else {
        message += " (known: " + name_list(known) + ")";
    }
    return message;
}

std::optional<std::string> did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const std::string& candidate : candidates) {
        // Edit distance counting a transposition as one edit (optimal string alignment), three rows.
        std::vector<std::size_t> before(candidate.size() + 1);
        std::vector<std::size_t> prev(candidate.size() + 1);
        std::vector<std::size_t> cur(candidate.size() + 1);
        for (std::size_t j = 0; j <= candidate.size(); ++j) {
            prev[j] = j;
        }
        for (std::size_t i = 1; i <= word.size(); ++i) {
            cur[0] = i;
            for (std::size_t j = 1; j <= candidate.size(); ++j) {
                std::size_t cost = word[i - 1] == candidate[j - 1] ? 0 : 1;
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
                if (i > 1 && j > 1 && word[i - 1] == candidate[j - 2] && word[i - 2] == candidate[j - 1]) {
                    cur[j] = std::min(cur[j], before[j - 2] + 1);
                }
            }
            std::swap(before, prev);
            std::swap(prev, cur);
        }
        std::size_t distance = prev[candidate.size()];
        if (!best || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    // Close enough: at most a third of the word (at least 1, at most 3) edits.
    std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    if (best && best_distance <= limit) {
        return best;
    }
    return std::nullopt;
}

ScenarioResult parse_scenario(const std::string& text, const std::string& file, const std::string& pointer_prefix) {
    ScenarioError error;
    error.file = file;
    bool embedded = !pointer_prefix.empty();
    Json doc;
    try {
        doc = Json::parse(text);
    } catch (const Json::parse_error& e) {
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 14: syntax error ..."
        std::size_t colon = what.find(": ");
        error.message = "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
        if (!embedded) {
            line_column(text, e.byte == 0 ? 0 : e.byte - 1, &error.line, &error.column);
        }
        return error;
    } catch (const Json::exception& e) {
        // e.g. out_of_range.406 "number overflow parsing '1e400'": find the token.
        std::string what = e.what();
        std::size_t bracket = what.find("] ");
        error.message = "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2));
        std::size_t quote = what.find('\'');
        std::size_t end = quote == std::string::npos ? std::string::npos : what.find('\'', quote + 1);
        if (!embedded && end != std::string::npos) {
            std::size_t at = text.find(what.substr(quote + 1, end - quote - 1));
            if (at != std::string::npos) {
                line_column(text, at, &error.line, &error.column);
            }
        }
        return error;
    }
    Positions positions;
    if (!embedded) {
        Scanner(text, positions).scan();
    }
    try {
        if (!positions.duplicate.empty()) {
            invalid(positions.duplicate, "duplicate key", true);
        }
        Reader reader(text, positions);
        return read_scenario(doc, reader);
    } catch (const Invalid& bad) {
        error.pointer = pointer_prefix + bad.pointer;
        error.message = bad.message;
        if (!embedded) {
            const auto& table = bad.at_key ? positions.key : positions.value;
            auto it = table.find(bad.pointer);
            if (it != table.end()) {
                line_column(text, it->second, &error.line, &error.column);
            } else if (auto value = positions.value.find(bad.pointer); value != positions.value.end()) {
                line_column(text, value->second, &error.line, &error.column);
            }
        }
        return error;
    }
}

ScenarioResult load_scenario_file(const std::string& path) {
    ScenarioError error;
    error.file = path;
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        error.message = "cannot read the scenario: no such file";
        return error;
    }
    if (std::filesystem::is_directory(status)) {
        error.message = "is a directory, not a scenario file";
        return error;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error.message = "cannot open the scenario for reading";
        return error;
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_file_bytes) {
            error.message = "file too large for a scenario (over 1 MiB)";
            return error;
        }
    }
    if (in.bad()) {
        error.message = "read error";
        return error;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        error.line = 1;
        error.column = 1;
        error.message = "empty file (a scenario is a JSON object, see docs/cli.md)";
        return error;
    }
    return parse_scenario(text, path);
}

std::string to_canonical_json(const Scenario& s) {
    OrderedJson requesters = OrderedJson::array();
    for (const RequesterConfig& rc : s.config.requesters) {
        requesters.push_back(OrderedJson{{"fatal_signal", rc.fatal_signal}, {"after", to_string(rc.after)}});
    }
    const Faults& f = s.config.faults;
    OrderedJson expect{{"verdict", s.expect.pass ? "pass" : "fail"}};
    if (!s.expect.pass) {
        expect["invariant"] = s.expect.invariant;
    }
    if (s.expect.executions) {
        expect["executions"] = *s.expect.executions;
    }
    OrderedJson doc{{"format", scenario_format},
                    {"version", scenario_version},
                    {"name", s.name},
                    {"description", s.description},
                    {"variant", s.config.variant},
                    {"mutations", s.config.mutations},
                    {"requesters", requesters},
                    {"faults",
                     OrderedJson{{"fork_failure", f.fork_failure},
                                 {"kmalloc_failure", f.kmalloc_failure},
                                 {"oom", f.oom},
                                 {"max_fork_failures", f.max_fork_failures},
                                 {"max_kmalloc_failures", f.max_kmalloc_failures}}},
                    {"invariants", s.config.invariants},
                    {"exploration",
                     OrderedJson{{"strategy", s.exploration.strategy},
                                 {"max_steps", s.exploration.max_steps},
                                 {"max_executions", s.exploration.max_executions},
                                 {"seed", s.exploration.seed},
                                 {"keep_going", s.exploration.keep_going}}},
                    {"expect", expect}};
    if (s.config.granularity != Granularity::coarse) {
        // Absent means the default: traces of coarse scenarios stay byte-identical.
        doc["granularity"] = to_string(s.config.granularity);
    }
    if (s.config.symmetry != Symmetry::requesters) {
        doc["symmetry"] = to_string(s.config.symmetry);
    }
    return doc.dump();
}

std::string scenario_hash(const Scenario& scenario) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(explorer::fnv1a64(semantic_json(scenario).dump())));
    return std::string("fnv1a64:") + hex;
}

}  // namespace model
