// cli/progress.hpp: the progress line on stderr (a terminal only, long runs only, at most every 0.5 s).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cli {

class ProgressLine {
public:
    ProgressLine();
    void start(std::string label);
    void update(std::uint64_t executions, std::uint64_t steps);
    // An estimate of the total executions (cli/estimate.hpp): the line then shows the share done.
    void set_estimate(double executions) { estimate_ = executions; }
    void clear();  // before printing anything else
    bool enabled() const { return enabled_; }

private:
    bool enabled_ = false;
    bool shown_ = false;
    std::string label_;
    double estimate_ = 0;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_;
};

inline constexpr std::uint64_t progress_every = 256;  // executions between two calls


}  // namespace cli
