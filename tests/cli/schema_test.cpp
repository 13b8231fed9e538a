// tests/cli/schema_test.cpp: the scenario schema's name lists are the registries' (the schema is
// kept by hand for editors; this keeps it in step with the code that is the source of truth).
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "explorer/failure.hpp"
#include "model/config.hpp"
#include "model/invariant.hpp"
#include "model/kthread/protocol.hpp"

TEST_SUITE_BEGIN("cli");

namespace {

nlohmann::json schema() {
    std::ifstream in(std::string(KTC_SOURCE_DIR) + "/cli/schema/ktcheck-scenario-v1.schema.json");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

std::vector<std::string> names(const nlohmann::json& enumeration) {
    return enumeration.get<std::vector<std::string>>();
}

}  // namespace

TEST_CASE("the scenario schema names exactly the registered variants, mutations, invariants and actions") {
    nlohmann::json s = schema();
    std::vector<std::string> variants;
    for (const model::Variant* v : model::variants()) {
        variants.emplace_back(v->name);
    }
    std::vector<std::string> mutations;
    for (const model::Mutation* m : model::mutations()) {
        mutations.emplace_back(m->name);
    }
    std::vector<std::string> invariants;
    for (std::size_t i = 0; i < model::invariant_count; ++i) {
        invariants.emplace_back(model::name_of(static_cast<model::Invariant>(i)));
    }
    std::vector<std::string> expectable = invariants;
    for (explorer::FailureKind kind : explorer::failure_kinds) {
        if (kind != explorer::FailureKind::invariant && !explorer::is_internal(kind)) {
            expectable.emplace_back(explorer::to_string(kind));
        }
    }
    const std::vector<std::string> after = model::names_of(model::after_creation_actions());
    CHECK(names(s["properties"]["granularity"]["enum"]) == model::names_of(model::granularities()));
    CHECK(names(s["properties"]["symmetry"]["enum"]) == model::names_of(model::symmetries()));
    CHECK(names(s["properties"]["variant"]["enum"]) == variants);
    CHECK(names(s["properties"]["mutations"]["items"]["enum"]) == mutations);
    CHECK(names(s["properties"]["invariants"]["items"]["enum"]) == invariants);
    CHECK(names(s["properties"]["requesters"]["items"]["properties"]["after"]["enum"]) == after);
    CHECK(names(s["properties"]["expect"]["oneOf"][1]["properties"]["invariant"]["enum"]) == expectable);
}

TEST_SUITE_END();
