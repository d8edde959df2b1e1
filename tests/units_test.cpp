#include <catch2/catch.hpp>

#include "scenarios/units.hpp"

using callsim::scenarios::parse_duration;
using callsim::scenarios::parse_rate;

TEST_CASE("parse_duration converts s, min, h and d to seconds", "[units]") {
  CHECK(parse_duration("20s") == Approx(20));
  CHECK(parse_duration("5min") == Approx(300));
  CHECK(parse_duration("1.5h") == Approx(5400));
  CHECK(parse_duration("1d") == Approx(86400));
  CHECK(parse_duration("0s") == Approx(0));
  CHECK(parse_duration("1e3s") == Approx(1000));
  CHECK(parse_duration(".5h") == Approx(1800));
}

TEST_CASE("parse_duration allows spaces around and inside", "[units]") {
  CHECK(parse_duration("20 s") == Approx(20));
  CHECK(parse_duration("  5 min ") == Approx(300));
  CHECK(parse_duration("1.5\th") == Approx(5400));
}

TEST_CASE("parse_duration parses negative values and leaves the bound to the caller", "[units]") {
  CHECK(parse_duration("-5s") == Approx(-5));
  CHECK(parse_duration("-1h") == Approx(-3600));
}

TEST_CASE("parse_duration rejects missing and unknown units", "[units]") {
  CHECK_FALSE(parse_duration("20"));
  CHECK_FALSE(parse_duration("20 "));
  CHECK_FALSE(parse_duration("20sec"));
  CHECK_FALSE(parse_duration("20 m"));
  CHECK_FALSE(parse_duration("2hours"));
  CHECK_FALSE(parse_duration("20ss"));
  CHECK_FALSE(parse_duration("1000/h"));
  CHECK_FALSE(parse_duration("20S"));
}

TEST_CASE("parse_duration rejects garbage, inf and nan", "[units]") {
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("   "));
  CHECK_FALSE(parse_duration("s"));
  CHECK_FALSE(parse_duration("abc"));
  CHECK_FALSE(parse_duration("twenty s"));
  CHECK_FALSE(parse_duration("20s extra"));
  CHECK_FALSE(parse_duration("1,5h"));
  CHECK_FALSE(parse_duration("infs"));
  CHECK_FALSE(parse_duration("inf s"));
  CHECK_FALSE(parse_duration("nan s"));
  CHECK_FALSE(parse_duration("1e400s"));
  CHECK_FALSE(parse_duration("1e305d"));
}

TEST_CASE("parse_rate converts per s, min, h and d to per second", "[units]") {
  CHECK(parse_rate("1000/h") == Approx(1000.0 / 3600));
  CHECK(parse_rate("16.7/min") == Approx(16.7 / 60));
  CHECK(parse_rate("0.5/s") == Approx(0.5));
  CHECK(parse_rate("24000/d") == Approx(24000.0 / 86400));
  CHECK(parse_rate("1000 / h") == Approx(1000.0 / 3600));
  CHECK(parse_rate(" 1000 /h ") == Approx(1000.0 / 3600));
  CHECK(parse_rate("-5/h") == Approx(-5.0 / 3600));
  CHECK(parse_rate("0/h") == Approx(0));
}

TEST_CASE("parse_rate rejects missing units, unknown units and garbage", "[units]") {
  CHECK_FALSE(parse_rate("1000"));
  CHECK_FALSE(parse_rate("1000h"));
  CHECK_FALSE(parse_rate("1000/"));
  CHECK_FALSE(parse_rate("1000/hour"));
  CHECK_FALSE(parse_rate("1000//h"));
  CHECK_FALSE(parse_rate("1000 per h"));
  CHECK_FALSE(parse_rate("/h"));
  CHECK_FALSE(parse_rate("abc/h"));
  CHECK_FALSE(parse_rate(""));
  CHECK_FALSE(parse_rate("inf/h"));
  CHECK_FALSE(parse_rate("nan/s"));
  CHECK_FALSE(parse_rate("20s"));
}
