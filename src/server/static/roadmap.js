// The roadmap chart on /roadmap: details of the mission under the pointer or the keyboard focus, and the filter
// form redrawing the chart as soon as a choice changes (the form still submits for the tables, and the page works
// without this script: the server draws the chart already filtered). Served as /static/roadmap.js under the
// portal's policy (script-src 'self'): no inline script, no eval.
'use strict';

(function () {
  const chart = document.querySelector('.roadmap-web svg');
  const details = document.getElementById('chart-details');
  const form = document.querySelector('form.filters');
  if (!chart || !details) return;
  const idle = details.textContent;

  function show(link) {
    details.textContent = link ? link.getAttribute('aria-label') : idle;
  }
  chart.addEventListener('mouseover', (e) => show(e.target.closest('a.mission-link')));
  chart.addEventListener('mouseleave', () => show(null));
  chart.addEventListener('focusin', (e) => show(e.target.closest('a.mission-link')));
  chart.addEventListener('focusout', () => show(null));

  if (!form) return;
  const chosen = (name) => {
    const field = form.elements.namedItem(name);
    return field && field.value ? field.value : null;
  };
  function redraw() {
    const agency = chosen('agency');
    const destination = chosen('destination');
    const kind = chosen('kind');
    const status = chosen('status');
    let shown = 0;
    for (const mark of chart.querySelectorAll('[data-mission]')) {
      const partners = (mark.dataset.partners || '').split(' ');
      const keep = (!agency || mark.dataset.agency === agency || partners.includes(agency)) &&
                   (!destination || mark.dataset.destination === destination) &&
                   (!kind || mark.dataset.kind === kind) &&
                   (!status || mark.dataset.status === status);
      const element = mark.closest('a.mission-link') || mark;
      element.classList.toggle('filtered-out', !keep);
      if (keep) {
        element.removeAttribute('aria-hidden');
        element.removeAttribute('tabindex');
        ++shown;
      } else {
        element.setAttribute('aria-hidden', 'true');
        element.setAttribute('tabindex', '-1');
      }
    }
    const count = document.getElementById('chart-count');
    if (count) count.textContent = `${shown} missions on the chart`;
  }
  form.addEventListener('change', redraw);
})();
