#pragma once
/// \file
/// The page of `callsim backtest --report F.html`: per KPI, the observed line of each
/// interval over the simulated band (and persistence and Erlang A where known), with the
/// table of MAE, bias, coverage, baselines and noise floor. Built from the report's own
/// page frame and SVG charts.

#include <string>
#include <vector>

#include "fit/backtest.hpp"

namespace callsim::app {

/// `x_labels`: the intervals' clock times; `about`: one sentence on what was compared.
std::string backtest_html(const std::string& scenario_name, const std::string& about, const fit::Backtest& backtest,
                          const std::vector<std::string>& x_labels);

}  // namespace callsim::app
