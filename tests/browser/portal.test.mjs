// The portal in a real browser (Debian's Chromium through playwright-core): a NASA planner creates a
// partners-only mission and a crewed Mars mission building on it in the workspace and sees them there; a JAXA planner finds it under "Shared with me";
// an anonymous visitor gets 404 for it and does not find it on the roadmap; a Mars mission page shows its launch
// feasibility and porkchop; a visitor filters the asteroid table and opens 2000 SG344; the NASA planner's analysis
// page shows its pictures, whose boxes are links. axe-core checks every public page and the analysis page against
// WCAG 2.1 A/AA. Saves screenshots.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const base = process.env.BASE_URL;
const out = process.env.OUT_DIR;
// New ids begin with the owning agency's code (docs/SECURITY.md, "Read rules").
const mission = { id: 'nasa-browser-test-lander', name: 'Browser Test Lander' };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});

async function logIn(name, password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text()); });
  await page.goto(`${base}/login`);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/workspace`);
  return { context, page, violations };
}

function step(text) { console.log(`browser test: ${text}`); }

// axe runs through page.evaluate, which the page's CSP (script-src 'self') does not govern; the page itself keeps
// its CSP, so what axe sees is what a visitor gets. A context with bypassCSP would hide CSP breakage instead.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const accessibility = [];  // every violation of every page, reported together at the end

async function checkAccessibility(page, url) {
  const response = await page.goto(`${base}${url}`);
  assert.equal(response.status(), 200, `${url} answers 200`);
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), wcag);
  for (const v of result.violations) {
    const targets = v.nodes.slice(0, 8).map((n) => n.target.join(' ')).join(' | ');
    accessibility.push(`${url}: ${v.id} (${v.impact}) ${v.help}; ${v.nodes.length} node(s): ${targets}`);
  }
}

try {
  step('NASA planner logs in and creates a partners-only mission');
  const nasa = await logIn('nasa-planner', process.env.NASA_PASSWORD);
  await nasa.page.getByRole('link', { name: 'New mission' }).click();
  await nasa.page.getByLabel('Id', { exact: true }).fill(mission.id);
  await nasa.page.getByLabel('Name', { exact: true }).fill(mission.name);
  await nasa.page.getByLabel('Destination', { exact: true }).selectOption('Moon');
  await nasa.page.getByLabel('Type', { exact: true }).selectOption('lander');
  await nasa.page.getByLabel('Launch', { exact: true }).fill('2032-06');
  await nasa.page.getByLabel('All partner agencies').check();
  await nasa.page.getByRole('button', { name: 'Create mission' }).click();
  await nasa.page.waitForURL(`${base}/workspace#own`);
  const own = await nasa.page.locator('#own + p + div').innerText();
  assert.match(own, new RegExp(mission.name), 'the new mission is in the workspace');
  assert.deepEqual(nasa.violations, [], 'no CSP violations');

  step('NASA planner adds a crewed Mars mission building on it: the goal of the analysis\'s critical path');
  await nasa.page.goto(`${base}/workspace`);
  await nasa.page.getByRole('link', { name: 'New mission' }).click();
  await nasa.page.getByLabel('Id', { exact: true }).fill('nasa-browser-mars-crew');
  await nasa.page.getByLabel('Name', { exact: true }).fill('Browser Mars Crew');
  await nasa.page.getByLabel('Destination', { exact: true }).selectOption('Mars');
  await nasa.page.getByLabel('Kind', { exact: true }).selectOption('human');
  await nasa.page.getByLabel('Type', { exact: true }).selectOption('crewed');
  await nasa.page.getByLabel('Launch', { exact: true }).fill('2039-07');
  await nasa.page.getByLabel('Precursor missions', { exact: true }).fill(`${mission.id}, artemis-3`);
  await nasa.page.getByLabel('Capabilities required', { exact: true }).fill('orion');
  await nasa.page.getByLabel('All partner agencies').check();
  await nasa.page.getByRole('button', { name: 'Create mission' }).click();
  await nasa.page.waitForURL(`${base}/workspace#own`);

  step('JAXA planner sees it under "Shared with me"');
  const jaxa = await logIn('jaxa-planner', process.env.JAXA_PASSWORD);
  const shared = await jaxa.page.locator('#shared ~ div.table-wrap').first().innerText();
  assert.match(shared, new RegExp(mission.name), 'shared with JAXA');

  step('an anonymous visitor gets 404 and does not see it on the roadmap');
  const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await anonymous.newPage();
  const response = await page.goto(`${base}/missions/${mission.id}`);
  assert.equal(response.status(), 404);
  const ghost = await page.goto(`${base}/missions/no-such-mission`);
  assert.equal(ghost.status(), 404);
  await page.goto(`${base}/roadmap`);
  const roadmap = await page.content();
  assert.ok(!roadmap.includes(mission.name), 'hidden from the public roadmap');
  assert.ok(roadmap.includes('Artemis'), 'the roadmap shows public missions');
  await page.screenshot({ path: path.join(out, 'roadmap.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(out, 'roadmap-phone.png') });

  step('the roadmap chart: details on focus, the filters redraw it, a marker opens its mission');
  const pageViolations = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) pageViolations.push(msg.text()); });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/roadmap`);
  const marks = page.locator('.roadmap-web a.mission-link');
  const total = await marks.count();
  assert.ok(total > 50, `every public mission is a link on the chart (${total})`);
  await page.locator('.roadmap-web a.mission-link[href="/missions/artemis-3"]').focus();
  assert.match(await page.locator('#chart-details').textContent(), /Artemis III/, 'focus shows the details');
  await page.locator('#f-agency').selectOption('JAXA');
  const shown = await page.locator('.roadmap-web a.mission-link:not(.filtered-out)').count();
  assert.ok(shown > 0 && shown < total, `the JAXA filter redraws the chart (${shown} of ${total})`);
  assert.match(await page.locator('#chart-count').textContent(), new RegExp(`^${shown} missions`));
  await page.screenshot({ path: path.join(out, 'roadmap-jaxa.png'), fullPage: false });
  await page.locator('.roadmap-web a.mission-link[href="/missions/mmx"]').click();
  await page.waitForURL(`${base}/missions/mmx`);
  assert.deepEqual(pageViolations, [], 'no CSP violations on the roadmap');

  step('a visitor opens a Mars mission page and sees its launch feasibility and porkchop');
  await page.setViewportSize({ width: 1280, height: 900 });
  let verdict = null;
  for (let tries = 0; tries < 120 && !verdict; ++tries) {
    await page.goto(`${base}/missions/rosalind-franklin`);
    verdict = await page.locator('#feasibility ~ p .badge').first().textContent({ timeout: 1000 }).catch(() => null);
    if (!verdict) await page.waitForTimeout(1000);
  }
  assert.ok(verdict === 'feasible' || verdict === 'infeasible', `a verdict on the page (got ${verdict})`);
  const picture = page.locator('figure.chart img');
  await picture.scrollIntoViewIfNeeded();
  const width = await picture.evaluate((img) => img.complete ? img.naturalWidth : 0);
  assert.ok(width > 0, 'the porkchop picture loads');
  await page.screenshot({ path: path.join(out, 'mission-feasibility.png'), fullPage: true });
  const objective = page.locator('h2:has-text("Objectives") + ul a').first();
  if (await objective.count()) {
    await objective.click();
    assert.match(page.url(), /\/goals\//, 'an objective links to its goal');
  }

  step('a visitor filters the asteroid table and opens 2000 SG344');
  await page.goto(`${base}/asteroids`);
  await page.getByLabel('Total Δv at most').fill('5');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/max_dv=5/);
  const table = await page.locator('table').first().innerText();
  assert.match(table, /2000 SG344/, 'a low-dv object stays');
  assert.doesNotMatch(table, /Apophis/, 'Apophis needs more than 5 km/s');
  await page.screenshot({ path: path.join(out, 'asteroids.png'), fullPage: true });
  await page.getByRole('link', { name: '2000 SG344' }).click();
  await page.waitForURL(/\/asteroids\/2000%20SG344$/);
  const outbound = page.locator('figure.chart img');
  await outbound.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => { const i = document.querySelector('figure.chart img'); return i && i.complete; });
  assert.ok(await outbound.evaluate((img) => img.naturalWidth) > 0, 'the outbound porkchop loads');
  await page.screenshot({ path: path.join(out, 'asteroid-2000-SG344.png'), fullPage: true });

  step('axe-core: WCAG 2.1 A/AA on every public page');
  for (const url of ['/', '/roadmap', '/agencies/NASA', '/missions/rosalind-franklin', '/missions/artemis-3',
                     '/goals/search-for-life', '/capabilities/orion', '/editions', '/editions/2013', '/login', '/asteroids',
                     '/asteroids/2000%20SG344', '/pages', '/pages/why-we-explore', '/pages/about/history',
                     '/pages/about/diff?from=1&to=1', '/workshops', '/workshops/ger-community-workshop-2014',
                     '/editions/2013/comments', '/benefits', '/benefits/new-knowledge', '/benefits/paper',
                     '/editions/diff?a=2013&b=current']) {
    await checkAccessibility(page, url);
  }

  step('the organisers\' forms: a workshop, and an action item of the workshop NASA hosts');
  for (const url of ['/workspace/workshops/new', '/workshops/ger-community-workshop-2014/action-items/new']) {
    await checkAccessibility(nasa.page, url);
  }
  await nasa.page.screenshot({ path: path.join(out, 'action-item-form.png'), fullPage: true });

  step('the NASA planner\'s analysis page shows the heatmaps and the dependency graph');
  await nasa.page.setViewportSize({ width: 1280, height: 900 });
  await checkAccessibility(nasa.page, '/workspace/analysis');
  assert.equal(await nasa.page.locator('svg.heatmap').count(), 2, 'two coverage heatmaps');
  assert.ok(await nasa.page.locator('svg.heatmap g.cell').count() > 100, 'heatmap cells');
  const graph = nasa.page.locator('svg.dependency-graph');
  assert.equal(await graph.count(), 1, 'the dependency graph');
  assert.ok(await graph.locator('path.edge.critical').count() > 0, 'the critical path is drawn');
  await nasa.page.screenshot({ path: path.join(out, 'analysis.png'), fullPage: true });
  await nasa.page.screenshot({ path: path.join(out, 'analysis-top.png'), clip: { x: 0, y: 0, width: 1280, height: 1700 } });
  await graph.screenshot({ path: path.join(out, 'analysis-dependencies.png') });
  await nasa.page.locator('svg.heatmap').first().screenshot({ path: path.join(out, 'analysis-heatmap.png') });
  assert.deepEqual(nasa.violations, [], 'no CSP violations on the analysis page');
  const node = graph.locator('g.node.mission a').first();
  const href = await node.getAttribute('href');
  await node.click();
  await nasa.page.waitForURL(`${base}${href}`);
  assert.match(href, /^\/missions\//, 'a graph box opens its mission');

  assert.deepEqual(accessibility, [], `axe-core found violations:\n${accessibility.join('\n')}`);
  step(`screenshots in ${out}`);
  console.log('browser test: PASS');
} finally {
  await browser.close();
}
