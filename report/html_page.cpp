#include "report/html_page.hpp"

#include "report/svg_chart.hpp"

namespace callsim::report {

namespace {

// Colours: blue for the simulated figure, grey for forecasts, red for targets and
// shortfalls, green for surplus; the print rules drop shadows and keep cards whole.
constexpr const char* kStyle = R"css(
:root { --ink:#1d2733; --muted:#5b6775; --line:#d8dee6; --bg:#f3f5f8; --card:#fff;
        --s1:#1f6fb2; --s2:#e07b16; --s3:#2a9d5c; --s4:#8e44ad; --bad:#c0392b; --warn:#d68910; --good:#1e8449; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; color:var(--ink); background:var(--bg); }
header.page { background:#17324d; color:#fff; padding:18px 28px 14px; }
header.page h1 { margin:0 0 4px; font-size:22px; font-weight:600; }
header.page p { margin:0; color:#c9d6e3; font-size:13px; }
main { max-width:1360px; margin:0 auto; padding:18px 24px 32px; }
h2.run { font-size:18px; margin:22px 0 10px; }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(560px,1fr)); gap:16px; }
.grid3 { display:grid; grid-template-columns:repeat(auto-fit,minmax(360px,1fr)); gap:16px; }
section.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px 16px 10px; margin-bottom:16px; box-shadow:0 1px 2px rgba(0,0,0,.04); }
.grid > section.card, .grid3 > section.card { margin-bottom:0; }
section.card h3 { margin:0 0 8px; font-size:15px; font-weight:600; }
p.note { color:var(--muted); font-size:12px; margin:6px 0 4px; }
p.warning { color:var(--bad); font-size:12.5px; margin:6px 0 4px; }
.kpis { display:grid; grid-template-columns:repeat(auto-fit,minmax(128px,1fr)); gap:8px; }
.kpi { border:1px solid var(--line); border-left:5px solid var(--s1); border-radius:6px; padding:8px 10px; background:#fbfcfd; }
.kpi.good { border-left-color:var(--good); } .kpi.warn { border-left-color:var(--warn); } .kpi.bad { border-left-color:var(--bad); }
.kpi .label { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.03em; }
.kpi .value { font-size:22px; font-weight:600; font-variant-numeric:tabular-nums; white-space:nowrap; }
.kpi .value small { font-size:13px; font-weight:500; color:var(--muted); }
.kpi .ci { font-size:12px; color:var(--muted); }
svg.chart { width:100%; height:auto; display:block; }
svg .grid { stroke:#e6eaef; stroke-width:1; } svg .axis { stroke:#9aa5b1; stroke-width:1; }
svg .tick { font-size:11px; fill:var(--muted); }
svg .line { fill:none; stroke-width:2; } svg .line.dashed { stroke-dasharray:6 4; }
svg .band { stroke:none; opacity:.18; }
svg .pt { stroke:#fff; stroke-width:.8; } svg .pt:hover { r:5; }
svg .target { stroke:var(--bad); stroke-width:1.5; stroke-dasharray:5 4; }
svg .target-label { font-size:11px; fill:var(--bad); }
svg .bar:hover { opacity:.75; }
.s1 { stroke:var(--s1); fill:var(--s1); } .s2 { stroke:var(--s2); fill:var(--s2); }
.s3 { stroke:var(--s3); fill:var(--s3); } .s4 { stroke:var(--s4); fill:var(--s4); }
.forecast { stroke:#7f8c8d; fill:#7f8c8d; } .required { stroke:#922b21; fill:#922b21; }
.rostered { stroke:#1f618d; fill:#1f618d; }
.present { fill:#8fb8de; stroke:#8fb8de; } .under { fill:#e8743b; stroke:#e8743b; } .over { fill:#7dcea0; stroke:#7dcea0; }
.abandoned { fill:#e8743b; stroke:#e8743b; } .answered { fill:#8fb8de; stroke:#8fb8de; }
.legend { font-size:12px; color:var(--muted); margin:2px 0 4px 52px; }
.legend span { margin-right:14px; white-space:nowrap; }
.legend i.key { display:inline-block; width:18px; height:0; border-top:3px solid; vertical-align:middle; margin-right:5px; }
.legend i.key.dashed { border-top-style:dashed; } .legend i.key.box { height:10px; border:none; }
.legend i.key.target { border-top:2px dashed var(--bad); }
.legend i.s1 { border-color:var(--s1); background:var(--s1); } .legend i.s2 { border-color:var(--s2); background:var(--s2); }
.legend i.s3 { border-color:var(--s3); background:var(--s3); } .legend i.s4 { border-color:var(--s4); background:var(--s4); }
.legend i.forecast { border-color:#7f8c8d; } .legend i.required { border-color:#922b21; }
.legend i.rostered { border-color:#1f618d; }
.legend i.present { background:#8fb8de; } .legend i.answered { background:#8fb8de; } .legend i.abandoned { background:#e8743b; }
table.data { border-collapse:collapse; width:100%; font-size:13px; font-variant-numeric:tabular-nums; }
table.data th { text-align:right; font-weight:600; color:var(--muted); border-bottom:2px solid var(--line); padding:4px 6px; vertical-align:bottom; }
table.data td { text-align:right; border-bottom:1px solid #edf0f3; padding:4px 6px; white-space:nowrap; }
.scroll { overflow-x:auto; }
table.data th:first-child, table.data td:first-child { text-align:left; }
table.data td .pm { color:var(--muted); font-size:11.5px; }
td.bad, span.bad { color:var(--bad); font-weight:600; } td.good, span.good { color:var(--good); }
td.sig { font-weight:600; }
table.data.narrow { width:auto; } table.data td.basis, table.data th.basis { text-align:left; color:var(--muted); padding-left:18px; }
details summary { cursor:pointer; color:var(--s1); font-size:13px; margin:4px 0; }
footer { color:var(--muted); font-size:12px; margin-top:20px; }
@media print {
  body { background:#fff; font-size:10.5pt; }
  header.page { background:#fff; color:#000; border-bottom:2px solid #000; padding:0 0 6px; }
  header.page p { color:#333; }
  main { max-width:none; padding:0; }
  section.card { box-shadow:none; break-inside:avoid; border-color:#bbb; }
  .grid, .grid3 { display:block; } .grid > section.card, .grid3 > section.card { margin-bottom:12px; }
  details > *:not(summary) { display:block; } details summary { display:none; }
  @page { margin:14mm; }
}
)css";

}  // namespace

std::string html_page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // How callsim recognises its own report, which it may replace without --force
         // (app/output_paths.cpp); keep it in the first 4 KB of the page.
         "<meta name=\"generator\" content=\"callsim\">\n<title>" +
         escape_html(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body +
         "</body>\n</html>\n";
}

}  // namespace callsim::report
