#pragma once
/// \file
/// SHA-256 (FIPS 180-2), small and dependency-free: the results file names each stored
/// input by its digest so that a reader can check the bytes it got are the bytes that ran.

#include <string>
#include <string_view>

namespace callsim::store {

/// The SHA-256 digest of `bytes` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace callsim::store
