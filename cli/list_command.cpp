// cli/list_command.cpp: `ktcheck list`: variants, mutations, invariants, strategies; one line each, or JSON.
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "explorer/failure.hpp"
#include "explorer/strategy/registry.hpp"
#include "model/invariant.hpp"
#include "model/config.hpp"
#include "model/kthread/protocol.hpp"

#include <nlohmann/json.hpp>

namespace cli {

namespace {

void item(const std::string& name, const std::string& text) {
    std::printf("  %-32s %s\n", name.c_str(), text.c_str());
}

// What a mutation is expected to get: "pass", an invariant's name, or "model-fault".
std::string expected_name(const model::Expectation& e) {
    return e.model_fault ? std::string("model-fault") : e.fails ? std::string(model::name_of(*e.fails)) : "pass";
}

std::string expected_text(const model::Expectation& e) {
    std::string name = expected_name(e);
    return name == "pass" ? "passes" : name == "model-fault" ? "refused as a model fault" : "fails " + name;
}

int list_text() {
    std::printf("variants (protocol eras):\n");
    for (const model::Variant* v : model::variants()) {
        std::string text = std::string("[") + v->kernels + "] " + v->summary;
        for (const auto& [invariant, why] : v->known_violations) {
            text += std::string("; known to break ") + model::name_of(invariant);
        }
        item(v->name, text);
    }
    std::printf("\nmutations (expected verdict under sc; needs):\n");
    for (const model::Mutation* m : model::mutations()) {
        const model::Expectation* e = m->expectation(model::MemoryModel::sc);
        item(m->name, std::string(m->summary) + " [" + (e ? expected_text(*e) : "?") + "; needs " + m->needs + "]");
    }
    std::printf("\ninvariants:\n");
    for (std::size_t i = 0; i < model::invariant_count; ++i) {
        const model::InvariantInfo& info = model::info(static_cast<model::Invariant>(i));
        item(info.name, info.summary);
    }
    std::printf("\nother failure kinds (usable in \"expect\"):\n");
    for (explorer::FailureKind kind : explorer::failure_kinds) {
        if (kind != explorer::FailureKind::invariant && !explorer::is_internal(kind)) {
            item(explorer::to_string(kind), explorer::summary(kind));
        }
    }
    std::printf("\nfaults of ktcheck or of its model (exit 3; never expected):\n");
    for (explorer::FailureKind kind : explorer::failure_kinds) {
        if (explorer::is_internal(kind)) {
            item(explorer::to_string(kind), explorer::summary(kind));
        }
    }
    std::printf("\nstrategies:\n");
    for (const explorer::StrategyInfo& s : explorer::strategies()) {
        item(s.name, std::string(s.summary) + (s.exhaustive ? " (exhaustive)" : ""));
    }
    std::printf("\nafter-creation actions (requesters[].after):\n");
    for (const model::AfterName& action : model::after_creation_actions()) {
        item(action.name, action.summary);
    }
    std::printf("\ngranularities (granularity, --granularity):\n");
    for (const model::GranularityName& entry : model::granularities()) {
        item(entry.name, entry.summary);
    }
    std::printf("\nsymmetries (symmetry, --symmetry):\n");
    for (const model::SymmetryName& entry : model::symmetries()) {
        item(entry.name, entry.summary);
    }
    return exit_ok;
}

// The same registries as data, for tools (tools/gen_scenarios.py) and the schema's test.
int list_json() {
    using Json = nlohmann::ordered_json;
    Json variants = Json::array();
    for (const model::Variant* v : model::variants()) {
        Json broken = Json::array();
        for (const auto& [invariant, why] : v->known_violations) {
            broken.push_back(model::name_of(invariant));
        }
        variants.push_back({{"name", v->name}, {"kernels", v->kernels}, {"summary", v->summary},
                            {"has_park", v->has_park}, {"killable", v->killable}, {"known_violations", broken}});
    }
    Json mutations = Json::array();
    for (const model::Mutation* m : model::mutations()) {
        Json expected = Json::object();
        for (const model::Expectation& e : m->expected) {
            expected[model::to_string(e.memory)] = expected_name(e);
        }
        Json applies = Json::array();
        for (const model::Variant* v : model::variants()) {
            if (m->applies_to(*v)) {
                applies.push_back(v->name);
            }
        }
        mutations.push_back({{"name", m->name},
                             {"summary", m->summary},
                             {"expected", expected},
                             {"applies_to", applies},
                             {"needs", {{"text", m->needs},
                                        {"fatal_signal", m->needs_fatal_signal},
                                        {"fork_failure", m->needs_fork_failure},
                                        {"after", model::to_string(m->needs_after)},
                                        {"requesters", m->needs_requesters}}}});
    }
    Json invariants = Json::array();
    for (std::size_t i = 0; i < model::invariant_count; ++i) {
        const model::InvariantInfo& info = model::info(static_cast<model::Invariant>(i));
        invariants.push_back({{"name", info.name}, {"summary", info.summary}});
    }
    Json kinds = Json::array();
    for (explorer::FailureKind kind : explorer::failure_kinds) {
        if (kind != explorer::FailureKind::invariant) {
            kinds.push_back({{"name", explorer::to_string(kind)},
                             {"summary", explorer::summary(kind)},
                             {"internal", explorer::is_internal(kind)}});
        }
    }
    Json strategies = Json::array();
    for (const explorer::StrategyInfo& s : explorer::strategies()) {
        strategies.push_back({{"name", s.name}, {"summary", s.summary}, {"exhaustive", s.exhaustive}});
    }
    Json after = Json::array();
    for (const model::AfterName& action : model::after_creation_actions()) {
        after.push_back({{"name", action.name}, {"summary", action.summary}});
    }
    Json granularities = Json::array();
    for (const model::GranularityName& entry : model::granularities()) {
        granularities.push_back({{"name", entry.name}, {"summary", entry.summary}});
    }
    Json symmetries = Json::array();
    for (const model::SymmetryName& entry : model::symmetries()) {
        symmetries.push_back({{"name", entry.name}, {"summary", entry.summary}});
    }
    Json out{{"format", "ktcheck-list"}, {"version", 1},           {"variants", variants},
             {"mutations", mutations},   {"invariants", invariants}, {"failure_kinds", kinds},
             {"strategies", strategies}, {"after", after},           {"granularities", granularities},
             {"symmetries", symmetries}};
    std::cout << out.dump(1) << "\n";
    return exit_ok;
}

}  // namespace

int run_list(bool json) { return json ? list_json() : list_text(); }

}  // namespace cli
