#pragma once
/// \file
/// The frame of the HTML dashboard: one self-contained page (inline CSS, no network, no
/// script library), laid out for a laptop screen and with a print stylesheet.

#include <string>

namespace callsim::report {

/// A complete HTML document titled `title` around `body`.
std::string html_page(const std::string& title, const std::string& body);

}  // namespace callsim::report
