// explorer/strategy/rng.hpp: the seeded PRNG of the randomized strategies (splitmix64, xoshiro256**).
#pragma once

#include <array>
#include <cstdint>

#include "explorer/hash.hpp"

namespace explorer {

// A small PRNG with a fixed, documented algorithm. The std distributions are not used on
// purpose: their algorithms differ between standard libraries, and a seed must name the same
// executions everywhere (a seed printed by one build is replayed by another).
class Rng {
public:
    // `stream` selects an independent sequence for the same seed (e.g. one per execution), so
    // an execution's choices depend only on (seed, stream), not on how long earlier ones ran.
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) {
        std::uint64_t mixer = seed;
        std::uint64_t scrambled = splitmix64(mixer);
        std::uint64_t key = stream + 0x632BE59BD9B4E019ULL;
        mixer = scrambled ^ splitmix64(key);
        for (std::uint64_t& word : state_) {
            word = splitmix64(mixer);
        }
        if ((state_[0] | state_[1] | state_[2] | state_[3]) == 0) {
            state_[0] = 1;  // the all-zero state is a fixed point of xoshiro
        }
    }

    // xoshiro256** 1.0 (Blackman and Vigna).
    std::uint64_t next() {
        std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, bound) (bound >= 1), by rejection: the draws below 2^64 mod bound are
    // thrown away so that every residue is equally likely (a plain modulo would favour the
    // small values).
    std::uint64_t below(std::uint64_t bound) {
        std::uint64_t threshold = (0 - bound) % bound;
        while (true) {
            std::uint64_t x = next();
            if (x >= threshold) {
                return x % bound;
            }
        }
    }

    // splitmix64 (Steele, Lea, Flood): advances `state` and returns a well-mixed word.
    static std::uint64_t splitmix64(std::uint64_t& state) { return mix64(state += 0x9E3779B97F4A7C15ULL); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> state_{};
};

}  // namespace explorer
