// tests/explorer/api_example_test.cpp: the public API in a few lines, as a user writes a check.
#include <doctest/doctest.h>

#include <memory>

#include "explorer/explorer.hpp"

TEST_SUITE_BEGIN("explorer");

TEST_CASE("example: a check in a few lines (message passing with a flag)") {
    namespace ex = explorer;
    auto report = ex::explore([] {
        auto data = std::make_shared<int>(0);
        auto ready = std::make_shared<bool>(false);
        ex::spawn("producer", [=] {
            ex::step("store data", ex::object("data"), ex::Access::write);
            *data = 42;
            ex::step("store ready", ex::object("ready"), ex::Access::write);
            *ready = true;
        });
        ex::spawn("consumer", [=] {
            ex::step("load ready", ex::object("ready"), ex::Access::read);
            if (*ready) {
                ex::step("load data", ex::object("data"), ex::Access::read);
                ex::check(*data == 42, "saw ready but not the data");
            }
        });
    });
    CHECK(report.passed());
    CHECK(report.complete);
    CHECK(report.executions == 3);  // consumer reads ready before, between or after the stores
}

TEST_SUITE_END();
