// libFuzzer target: --set overrides of a shipped scenario (fuzz_inputs.hpp, load_with_overrides). Run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  callsim::fuzz::load_with_overrides(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
