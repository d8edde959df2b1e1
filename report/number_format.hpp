#pragma once
/// \file
/// How report files write numbers: CSV cells precise, pages readable.

#include <string>
#include <string_view>

namespace callsim::report {

/// `v` with 12 significant digits ("%.12g": "1495.3", "0.874974694423"), far below any
/// confidence interval yet free of binary noise; "" for NaN (an empty CSV cell: undefined).
std::string csv_number(double v);

/// `v` for a page in the KPI's `unit` ("fraction" as "79.7%", "s" as "14.7 s", "calls" as
/// "1,495"), or "n/a" for NaN; `digits` after the point for fractions and seconds.
std::string page_number(double v, std::string_view unit, int digits = 1);

/// An amount of money: "12,345" with thousands separators and `currency` after it.
std::string money(double v, std::string_view currency);

}  // namespace callsim::report
