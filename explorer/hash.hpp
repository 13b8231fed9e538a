// explorer/hash.hpp: the stable hashes everything else builds on (the fingerprint, the seeded
// PRNG, scenario hashes): the same on every run and machine.
#pragma once

#include <cstdint>
#include <string_view>

namespace explorer {

// splitmix64's finaliser (Steele, Lea, Flood): a well-mixed word from any word.
inline std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// FNV-1a, 64 bits, of a byte string (names are hashed by content, never by address).
inline std::uint64_t fnv1a64(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return h;
}

}  // namespace explorer
