// Numeric option values parsed from the text as typed (app/option_values.hpp): no wrap, no
// sign on a count, no trailing text, the range in the message.

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "app/option_values.hpp"

using callsim::app::Bound;
using callsim::app::OptionError;
using callsim::app::parse_real;
using callsim::app::parse_whole;

namespace {

std::string whole_error(const std::string& text, std::uint64_t low, std::uint64_t high) {
  try {
    parse_whole("--replications", text, low, high);
  } catch (const OptionError& e) {
    return e.what();
  }
  return "";
}

std::string real_error(const std::string& text, double low, Bound lb, double high, Bound hb) {
  try {
    parse_real("--x", text, low, lb, high, hb);
  } catch (const OptionError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("option values: whole numbers in range, everything else refused with the range", "[cli][options]") {
  CHECK(parse_whole("--replications", "10", 1, 100) == 10);
  CHECK(parse_whole("--replications", "1", 1, 100) == 1);
  CHECK(parse_whole("--replications", "100", 1, 100) == 100);
  CHECK(parse_whole("--replications", "007", 1, 100) == 7);
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  CHECK(parse_whole("--seed", "18446744073709551615", 0, kMax) == kMax);
  CHECK(parse_whole("--seed", "0", 0, kMax) == 0);

  const std::string expected = "' is not valid: expected a whole number from 1 to 100";
  for (const std::string bad : {"-1", "0", "101", "4294967296", "1e3", "+5", " 5", "5 ", "5x", "", "0x10", "2^32",
                                "1.0", "18446744073709551616", "99999999999999999999999"}) {
    INFO(bad);
    CHECK(whole_error(bad, 1, 100) == "--replications '" + bad + expected);
  }
  CHECK(whole_error("18446744073709551616", 0, kMax) ==
        "--replications '18446744073709551616' is not valid: expected a whole number from 0 to 18446744073709551615");
  CHECK(whole_error("-1", 0, kMax).find("from 0 to 18446744073709551615") != std::string::npos);
}

TEST_CASE("option values: finite decimal numbers within open or closed ends", "[cli][options]") {
  CHECK(parse_real("--x", "0.3", 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE) == Approx(0.3));
  CHECK(parse_real("--x", "0", 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE) == 0);
  CHECK(parse_real("--x", "1e-2", 0, Bound::EXCLUSIVE, 1, Bound::INCLUSIVE) == Approx(0.01));
  CHECK(parse_real("--x", "1", 0, Bound::EXCLUSIVE, 1, Bound::INCLUSIVE) == 1);
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(parse_real("--x", "1e300", 0, Bound::EXCLUSIVE, inf, Bound::INCLUSIVE) == 1e300);

  CHECK(real_error("1", 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE) ==
        "--x '1' is not valid: expected a number from 0 to below 1");
  CHECK(real_error("-0.1", 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE) ==
        "--x '-0.1' is not valid: expected a number from 0 to below 1");
  CHECK(real_error("0", 0, Bound::EXCLUSIVE, 1, Bound::INCLUSIVE) ==
        "--x '0' is not valid: expected a number above 0 and at most 1");
  CHECK(real_error("0", 0, Bound::EXCLUSIVE, inf, Bound::INCLUSIVE) ==
        "--x '0' is not valid: expected a number above 0");
  CHECK(real_error("2", 0, Bound::INCLUSIVE, 1, Bound::INCLUSIVE) ==
        "--x '2' is not valid: expected a number from 0 to 1");
  for (const std::string bad : {"nan", "inf", "-inf", "1e400", "0x1p3", "", "0.5x", "1,5", " 0.5"}) {
    INFO(bad);
    CHECK_FALSE(real_error(bad, 0, Bound::EXCLUSIVE, inf, Bound::INCLUSIVE).empty());
  }
}
