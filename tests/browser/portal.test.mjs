// The portal in a real browser (Debian's Chromium through playwright-core): a NASA planner creates a
// partners-only mission in the workspace and sees it there; a JAXA planner finds it under "Shared with me";
// an anonymous visitor gets 404 for it and does not find it on the roadmap; a Mars mission page shows its launch
// feasibility and porkchop; a visitor filters the asteroid table and opens 2000 SG344. Saves screenshots.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
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
  step(`screenshots in ${out}`);
  console.log('browser test: PASS');
} finally {
  await browser.close();
}
