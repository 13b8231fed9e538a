// cli/junit.cpp: JUnit XML for `check --junit` (the format CI systems read).
#include "cli/junit.hpp"

#include <cstdio>

namespace cli {

namespace {

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                    out += '?';  // not allowed in XML 1.0
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string seconds_text(double seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
    return buffer;
}

}  // namespace

std::string junit_xml(const std::vector<JunitCase>& cases, double seconds) {
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    for (const JunitCase& c : cases) {
        failures += c.outcome == JunitCase::Outcome::failed ? 1 : 0;
        errors += c.outcome == JunitCase::Outcome::error ? 1 : 0;
        skipped += c.outcome == JunitCase::Outcome::skipped ? 1 : 0;
    }
    std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) +
                         "\" time=\"" + seconds_text(seconds) + "\"";
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"ktcheck\" " + counts + ">\n";
    out += "  <testsuite name=\"ktcheck check\" " + counts + ">\n";
    for (const JunitCase& c : cases) {
        out += "    <testcase classname=\"" + xml_escape(c.classname) + "\" name=\"" + xml_escape(c.name) +
               "\" file=\"" + xml_escape(c.file) + "\" time=\"" + seconds_text(c.seconds) + "\"";
        const char* element = nullptr;
        switch (c.outcome) {
            case JunitCase::Outcome::passed: break;
            case JunitCase::Outcome::failed: element = "failure"; break;
            case JunitCase::Outcome::error: element = "error"; break;
            case JunitCase::Outcome::skipped: element = "skipped"; break;
        }
        if (element == nullptr) {
            out += "/>\n";
            continue;
        }
        out += ">\n      <" + std::string(element) + " message=\"" + xml_escape(c.message) + "\"";
        if (c.details.empty()) {
            out += "/>\n";
        } else {
            out += ">" + xml_escape(c.details) + "</" + element + ">\n";
        }
        out += "    </testcase>\n";
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

}  // namespace cli
