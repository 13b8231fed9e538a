// cli/junit.hpp: JUnit XML for `check --junit` (the format CI systems read).
#pragma once

#include <string>
#include <vector>

namespace cli {

struct JunitCase {
    enum class Outcome { passed, failed, error, skipped };
    std::string classname;  // the scenario's directory
    std::string name;       // the scenario's name (its path when it did not load)
    std::string file;
    double seconds = 0;
    Outcome outcome = Outcome::passed;
    std::string message;    // one line
    std::string details;    // the body of <failure>/<error>
};

std::string junit_xml(const std::vector<JunitCase>& cases, double seconds);

}  // namespace cli
