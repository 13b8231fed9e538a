// tests/model/mutations_test.cpp: every seeded bug is caught, by its invariant, and the shortest
// counterexample found is a violation of that invariant.
#include <doctest/doctest.h>

#include "explorer/explorer.hpp"
#include "explorer/strategy/dpor.hpp"
#include "model/invariants/checks.hpp"
#include "model/kthread/protocol.hpp"
#include "model/program.hpp"

TEST_SUITE_BEGIN("model.mutations");

namespace {

const explorer::Finding* shortest(const explorer::Report& report) {
    const explorer::Finding* best = nullptr;
    for (const explorer::Finding& finding : report.findings) {
        if (best == nullptr || finding.trace.steps.size() < best->trace.steps.size()) {
            best = &finding;
        }
    }
    return best;
}

}  // namespace

TEST_CASE("every mutation is caught by its invariant on every variant it applies to (SC)") {
    std::size_t checked = 0;
    for (const model::Mutation* mutation : model::mutations()) {
        const model::Expectation* sc = mutation->expectation(model::MemoryModel::sc);
        REQUIRE(sc != nullptr);
        for (const model::Variant* variant : model::variants()) {
            if (!mutation->applies_to(*variant) || !variant->known_violations.empty()) {
                continue;
            }
            CAPTURE(mutation->name);
            CAPTURE(variant->name);
            model::ModelConfig config = mutation->config_on(*variant);
            explorer::Options options;
            options.keep_going = true;
            explorer::DporStrategy dpor;
            explorer::Report report = explorer::explore(model::build_program(config), dpor, options);
            CHECK(report.complete);
            const explorer::Finding* first = shortest(report);
            if (sc->model_fault) {
                REQUIRE_MESSAGE(first != nullptr, mutation->name << " on " << variant->name << " is not refused");
                CHECK(first->failure.kind == explorer::FailureKind::model_fault);
                MESSAGE(std::string(mutation->name) << " on " << std::string(variant->name) << ": " << first->failure.message);
            } else if (!sc->fails) {
                CHECK_MESSAGE(first == nullptr, mutation->name << " on " << variant->name << " fails "
                                                               << (first ? first->failure.message : ""));
            } else if (first == nullptr) {
                FAIL_CHECK(mutation->name << " on " << variant->name << " is not caught");
            } else {
                CHECK(first->failure.invariant == model::name_of(*sc->fails));
                MESSAGE(std::string(mutation->name) << " on " << std::string(variant->name) << ": " << first->failure.invariant << " in "
                                       << first->trace.steps.size() << " steps");
            }
            ++checked;
        }
    }
    CHECK(checked >= model::mutations().size());
}

TEST_CASE("the same mutation without what it needs is not caught (the knobs matter)") {
    model::ModelConfig config;
    config.variant = "era-e";
    config.mutations = {"killed-requester-skips-xchg"};
    config.requesters = {{false, model::AfterCreation::wake}};
    explorer::Options options;
    options.keep_going = true;
    explorer::DporStrategy dpor;
    explorer::Report report = explorer::explore(model::build_program(config), dpor, options);
    CHECK(report.complete);
    CHECK(report.passed());
}

TEST_SUITE_END();

TEST_SUITE_BEGIN("model.invariants");

TEST_CASE("each quiescence invariant has one check, and quiescence_check() finds exactly those") {
    std::size_t with_check = 0;
    for (std::size_t i = 0; i < model::invariant_count; ++i) {
        auto id = static_cast<model::Invariant>(i);
        CAPTURE(model::name_of(id));
        std::size_t entries = 0;
        for (const model::QuiescenceEntry& entry : model::quiescence_checks()) {
            if (entry.invariant == id) {
                ++entries;
                bool found_by_lookup = entry.check == model::quiescence_check(id);
                CHECK(found_by_lookup);
                CHECK(static_cast<bool>(entry.check));
            }
        }
        CHECK(entries <= 1);
        bool has_check = model::quiescence_check(id) != nullptr;
        CHECK((entries == 1) == has_check);
        with_check += entries;
    }
    CHECK(with_check == model::quiescence_checks().size());
}

TEST_SUITE_END();
