// libFuzzer target: a shift templates file of callsim roster (fuzz_inputs.hpp,
// load_shift_templates). Run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  callsim::fuzz::load_shift_templates(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
