#include "models/ivr.hpp"

#include <string>

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include "models/simulation_error.hpp"

namespace callsim::models {

IvrPath walk_ivr(const IvrSpec& ivr, sim::RandomStream& stream) {
  constexpr int kMaxSteps = 100000;
  IvrPath path;
  const auto nodes = static_cast<std::uint32_t>(ivr.nodes.size());
  std::uint32_t at = 0;
  for (int step = 0; step < kMaxSteps; ++step) {
    const IvrNode& node = ivr.nodes[at];
    if (node.duration) path.duration += sim::Time(node.duration->sample(stream));
    // Inverse CDF over the branches: one uniform per node, in branch order.
    const double u = stream.uniform01();
    double cumulative = 0;
    std::uint32_t next = node.branches.back().target;  // rounding: the last branch takes the rest
    for (const IvrBranch& b : node.branches) {
      cumulative += b.probability;
      if (u < cumulative) {
        next = b.target;
        break;
      }
    }
    if (next >= nodes) {
      path.exit = next - nodes;
      return path;
    }
    at = next;
  }
  // A loop the loader accepted (its exits have some probability) but that callers almost
  // never leave: bad input found late, reported like the zero-time loops of the model.
  throw SimulationError("the IVR: a caller's path passed " + std::to_string(kMaxSteps) +
                        " nodes without reaching an exit (it was at node '" + ivr.nodes[at].name +
                        "'); the branches of ivr.nodes lead back into a loop with a probability so close to 1 that "
                        "callers hardly ever leave it; give the branches out of the loop a larger probability");
}

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

/// Vertices reached from `sources` in `graph` (forward or reversed).
template <class G>
std::vector<bool> reached_from(const G& graph, const std::vector<std::size_t>& sources) {
  const auto n = boost::num_vertices(graph);
  std::vector<boost::default_color_type> colors(n, boost::white_color);
  auto color_map = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
  for (std::size_t s : sources) {
    if (colors[s] == boost::white_color) {
      boost::breadth_first_visit(graph, boost::vertex(s, graph), boost::visitor(boost::default_bfs_visitor()).color_map(color_map));
    }
  }
  std::vector<bool> reached(n);
  for (std::size_t v = 0; v < n; ++v) reached[v] = colors[v] != boost::white_color;
  return reached;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

}  // namespace

std::vector<std::string> ivr_problems(const IvrSpec& ivr) {
  std::vector<std::string> problems;
  const std::size_t nodes = ivr.nodes.size(), exits = ivr.exits.size();
  if (nodes == 0) return {"the IVR has no node; give at least one (node 0 is where calls enter)"};
  if (exits == 0) return {"the IVR has no exit; every path must end at an exit (self_served, hang_up or a queue)"};

  Graph graph(nodes + exits);
  Graph instant(nodes);  // only nodes that take no time: a cycle here would take no time
  for (std::size_t v = 0; v < nodes; ++v) {
    const IvrNode& node = ivr.nodes[v];
    if (node.branches.empty()) {
      problems.push_back("IVR node " + quoted(node.name) + " has no branch; it must lead to a node or an exit");
      continue;
    }
    double sum = 0;
    for (const IvrBranch& b : node.branches) {
      if (b.target >= nodes + exits) {
        problems.push_back("IVR node " + quoted(node.name) + " has a branch to an unknown target");
        continue;
      }
      if (!(b.probability >= 0 && b.probability <= 1)) {
        problems.push_back("IVR node " + quoted(node.name) + " has a branch probability outside [0, 1]");
      }
      sum += b.probability;
      if (b.probability <= 0) continue;
      boost::add_edge(v, b.target, graph);
      const bool takes_no_time = !node.duration || node.duration->mean() == 0;
      if (takes_no_time && b.target < nodes) boost::add_edge(v, b.target, instant);
    }
    if (std::abs(sum - 1) > 1e-9) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", sum);
      problems.push_back("IVR node " + quoted(node.name) + "'s branch probabilities sum to " + buf +
                         ", not 1; adjust them so that they add up to 1");
    }
  }
  if (!problems.empty()) return problems;

  const auto from_entry = reached_from(graph, {0});
  std::vector<std::size_t> exit_vertices;
  for (std::size_t e = 0; e < exits; ++e) exit_vertices.push_back(nodes + e);
  const auto to_exit = reached_from(boost::make_reverse_graph(graph), exit_vertices);
  for (std::size_t v = 0; v < nodes; ++v) {
    if (!from_entry[v]) {
      problems.push_back("IVR node " + quoted(ivr.nodes[v].name) +
                         " cannot be reached from the entry node " + quoted(ivr.nodes[0].name) +
                         "; connect it or remove it");
    } else if (!to_exit[v]) {
      problems.push_back("IVR node " + quoted(ivr.nodes[v].name) +
                         " cannot reach any exit, so its callers would stay in the IVR for ever");
    }
  }

  // A strongly connected set of instant nodes (or an instant self-loop) is a loop taking no time.
  std::vector<int> component(nodes);
  const int count = boost::strong_components(instant, boost::make_iterator_property_map(
                                                          component.begin(), boost::get(boost::vertex_index, instant)));
  std::vector<int> size(static_cast<std::size_t>(count), 0);
  for (int c : component) ++size[static_cast<std::size_t>(c)];
  for (std::size_t v = 0; v < nodes; ++v) {
    bool self_loop = false;
    for (const IvrBranch& b : ivr.nodes[v].branches) self_loop |= b.target == v && b.probability > 0;
    const bool instant_node = !ivr.nodes[v].duration || ivr.nodes[v].duration->mean() == 0;
    if (instant_node && (self_loop || size[static_cast<std::size_t>(component[v])] > 1)) {
      problems.push_back("IVR node " + quoted(ivr.nodes[v].name) +
                         " is on a loop of nodes that take no time; give one of them a duration");
      break;  // one message for the loop is enough
    }
  }
  return problems;
}

}  // namespace callsim::models
