// The portal's static files: its one stylesheet, served as /static/ger.css (the CSP forbids inline styles), and
// the roadmap chart's script, /static/roadmap.js (src/server/static/roadmap.js, compiled in).
#include "server/detail/style.hpp"

#include <string>

#include "render/roadmap_chart.hpp"

namespace ger::model::detail {
extern const unsigned char roadmap_script_js[];
extern const std::size_t roadmap_script_js_size;
}  // namespace ger::model::detail

namespace ger::server::detail {
namespace {

// The roadmap chart's own class styles, each rule scoped to the chart on the page (its classes are short and
// generic: .bar, .grid).
std::string scoped_chart_css() {
    std::string out;
    const std::string_view css = render::roadmap_chart_css();
    std::size_t at = 0;
    while (at < css.size()) {
        const auto close = css.find('}', at);
        if (close == std::string_view::npos) break;
        out += ".roadmap-web svg ";
        out += css.substr(at, close + 1 - at);
        out += '\n';
        at = close + 1;
    }
    return out;
}

constexpr std::string_view web_chart_rules = R"css(
figure.roadmap-web { margin: 1rem 0; }
.chart-scroll { overflow-x: auto; background: #fff; border: 1px solid var(--line); }
.chart-scroll svg { display: block; width: 100%; min-width: 60rem; height: auto; }
.roadmap-web .filtered-out { display: none; }
.roadmap-web a.mission-link:focus { outline: 3px solid #ffbf47; }
.roadmap-web a.mission-link:hover text, .roadmap-web a.mission-link:focus text { text-decoration: underline; }
.chart-details { min-height: 1.5em; margin: .5rem 0; font-weight: 600; }
)css";

std::string_view base_stylesheet() {
    return R"css(
:root { --ink: #14213d; --muted: #4a5568; --line: #d5dbe5; --accent: #0b5cad; --bg: #f7f9fc; --error: #b00020; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header.site { background: var(--ink); color: #fff; }
header.site .bar { max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap;
                   gap: .5rem 1.5rem; align-items: center; }
header.site a { color: #fff; text-decoration: none; } header.site a:hover { text-decoration: underline; }
header.site .brand { font-weight: 700; font-size: 1.1rem; margin-right: auto; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
header.site form { display: inline; }
header.site button { background: none; border: 1px solid #fff; color: #fff; border-radius: 4px; cursor: pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
footer.site { max-width: 72rem; margin: 2rem auto; padding: 1rem; color: var(--muted); border-top: 1px solid var(--line);
              font-size: .9rem; }
h1 { font-size: 1.8rem; margin: .5rem 0 1rem; } h2 { font-size: 1.3rem; margin-top: 2rem; }
.lead { font-size: 1.1rem; color: var(--muted); max-width: 50rem; }
.content-page { max-width: 50rem; line-height: 1.55; } .page-tools { color: var(--muted); }
footer.site .footer-links { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 0 .5rem; padding: 0; }
pre.diff { white-space: pre-wrap; background: #fff; border: 1px solid var(--line); padding: .5rem; }
pre.diff ins { display: block; background: #e6f4ea; color: #0b5a24; text-decoration: none; }
pre.diff del { display: block; background: #fce8e6; color: #8a1c12; text-decoration: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
.table-wrap { overflow-x: auto; }
.asteroids { display: grid; grid-template-columns: minmax(0, 1fr) 19rem; gap: 1.5rem; align-items: start; }
.asteroids .criteria dl.facts { grid-template-columns: 1fr; } .asteroids .criteria dd { margin: 0 0 .4rem; }
@media (max-width: 64rem) { .asteroids { grid-template-columns: 1fr; } } .table-wrap:focus { outline: 3px solid #ffbf47; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef2f8; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; background: #fff; padding: .75rem;
           border: 1px solid var(--line); border-radius: 6px; }
.filters label, .field label { display: block; font-weight: 600; font-size: .9rem; }
input, select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #8a94a6; border-radius: 4px;
                          max-width: 100%; }
textarea { width: 100%; min-height: 5rem; }
button, .button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent);
                  background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.danger { background: var(--error); border-color: var(--error); }
.field { margin: .75rem 0; } .field .hint { color: var(--muted); font-size: .85rem; }
.field .error, .error-summary { color: var(--error); font-weight: 600; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--error); border-width: 2px; }
.checks { display: flex; flex-wrap: wrap; gap: .25rem 1rem; } .checks label { font-weight: normal; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .8rem; background: #e2e8f0; }
.badge.partners { background: #fde68a; } .badge.agencies { background: #fbcfe8; } .badge.public { background: #bbf7d0; }
.notice { background: #e0f2fe; border: 1px solid #7dd3fc; padding: .75rem; border-radius: 6px; }
figure.picture { margin: 1rem 0; background: #fff; border: 1px solid var(--line); padding: .5rem; }
figure.picture svg { display: block; max-width: 100%; height: auto; }
figure.picture figcaption { color: var(--muted); font-size: .9rem; margin-top: .25rem; }
svg a:focus rect { stroke: #1a1a1a; stroke-width: 4; stroke-dasharray: none; }
svg a:hover rect { fill: #eef2f8; }
.chart img { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
pre { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid var(--line); padding: .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
.comment { border-left: 4px solid var(--line); padding: .25rem 0 .25rem .75rem; margin: 1rem 0; }
.comment .text, .comment .response { white-space: pre-line; overflow-wrap: anywhere; }
.comment .response { border-left: 3px solid #7dd3fc; padding-left: .6rem; }
.comment .meta { color: var(--muted); font-size: .9rem; }
.trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.card > h2:first-child { margin-top: 0; } section.card + section.card { margin-top: 1rem; }
ul.downloads, ul.inline { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding: 0; }
ul.downloads a { display: inline-block; padding: .3rem .7rem; border: 1px solid var(--accent); border-radius: 4px;
                 text-decoration: none; background: #fff; }
table.matrix th[scope=row] { min-width: 16rem; font-weight: 600; }
table.matrix td { text-align: center; white-space: nowrap; } table.matrix td.empty { color: #6b7280; }
table.matrix details[open] { white-space: normal; text-align: left; min-width: 12rem; }
ul.findings li { margin: .35rem 0; }
.badge.verdict-feasible { background: #bbf7d0; } .badge.verdict-infeasible { background: #fecaca; }
@media (max-width: 40rem) { h1 { font-size: 1.4rem; } dl.facts { grid-template-columns: 1fr; } }
)css";
}

}  // namespace

std::string_view stylesheet() {
    static const std::string sheet = std::string(base_stylesheet()) + std::string(web_chart_rules) + scoped_chart_css();
    return sheet;
}

std::string_view roadmap_script() {
    return {reinterpret_cast<const char*>(model::detail::roadmap_script_js), model::detail::roadmap_script_js_size};
}

}  // namespace ger::server::detail
