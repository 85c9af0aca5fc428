// Public engagement in a real browser (Debian's Chromium through playwright-core): a visitor's script in a
// comment is refused and stays inert; a visitor comments, the comment is not public, its receipt page says
// pending; the secretariat accepts and answers it in the moderation queue; the receipt page and the edition's
// comments then show both. The secretariat creates a workshop with one seat through the portal's form; a visitor
// takes the seat, a second is waitlisted, the first cancels and the second is promoted. A secretariat edit of a
// page changes its footer's date and editor, and raw HTML in it stays inert. axe-core checks the new pages.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const base = process.env.BASE_URL;
const out = process.env.OUT_DIR;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const accessibility = [];
async function checkAccessibility(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'],
  }));
  for (const v of result.violations) {
    accessibility.push(`${page.url()}: ${v.id} (${v.impact}) ${v.help}; ${v.nodes.length} node(s)`);
  }
}

function step(text) { console.log(`engagement test: ${text}`); }
function day(offset) { return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10); }

// Nothing a probe sent ran or became an element: the flags its handlers would set are unset, no <img src=x>.
async function assertInert(page, where) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `${where}: no probe ran`);
  assert.equal(await page.locator('img[src="x"]').count(), 0, `${where}: no probe became an element`);
}

async function visitor() {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

try {
  const sec = await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('User name').fill('secretariat-browser');
    await page.getByLabel('Password').fill(process.env.SEC_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base}/workspace`);
    return { context, page };
  })();

  step('a visitor\'s script in a comment is refused and stays inert on the page that names the fields');
  const ada = await visitor();
  await ada.page.goto(`${base}/editions/2013/comments`);
  await ada.page.getByLabel('Your name').fill('<img src=x onerror="window.__xss=1">');
  await ada.page.getByLabel('Email', { exact: true }).fill('ada@example.org');
  await ada.page.getByLabel('Your comment').fill('<script>window.__xss=2</script> and "quotes" & ampersands');
  await ada.page.getByRole('button', { name: 'Send the comment' }).click();
  await ada.page.waitForLoadState();
  assert.match(await ada.page.locator('.error-summary').first().innerText(), /not sent/);
  await assertInert(ada.page, 'the refused comment form');
  assert.equal(await ada.page.getByLabel('Your name').inputValue(), '<img src=x onerror="window.__xss=1">',
               'the refused name is given back as text');

  step('a visitor comments: not public, the receipt page says pending');
  const text = 'Please add a lunar far-side radio telescope to the scenario. "Quotes" & ampersands stay text.';
  await ada.page.getByLabel('Your name').fill('Ada O\'Hara & "Co"');
  await ada.page.getByLabel('Your comment').fill(text);
  await ada.page.getByRole('button', { name: 'Send the comment' }).click();
  await ada.page.waitForURL(/\/comments\/receipts\//);
  const receipt = ada.page.url();
  assert.match(await ada.page.locator('.notice').innerText(), /Waiting for moderation/);
  await checkAccessibility(ada.page);
  const anonymous = await visitor();
  await anonymous.page.goto(`${base}/editions/2013/comments`);
  assert.equal(await anonymous.page.getByText('far-side radio telescope').count(), 0, 'a pending comment is not public');

  step('the secretariat accepts and answers it in the moderation queue');
  await sec.page.goto(`${base}/workspace/comments`);
  await checkAccessibility(sec.page);
  const card = sec.page.locator('article.comment', { hasText: 'far-side radio telescope' });
  assert.equal(await card.count(), 1, 'the pending comment is in the queue');
  assert.equal(await card.getByText('ada@example.org').count(), 1, 'the secretariat sees the email');
  await card.getByLabel('Decision').selectOption('accepted');
  const response = 'Thank you: the scenario team will study a far-side telescope for the next edition.';
  await card.getByLabel('Published response').fill(response);
  await sec.page.screenshot({ path: path.join(out, 'moderation-queue.png'), fullPage: true });
  await card.getByRole('button', { name: 'Save' }).click();
  await sec.page.waitForURL(/status=accepted/);
  assert.equal(await sec.page.locator('article.comment', { hasText: response }).count(), 1,
               'the saved decision shows in the accepted list');

  step('the receipt page and the edition\'s comments show the comment and its answer');
  await ada.page.goto(receipt);
  assert.match(await ada.page.locator('.notice').innerText(), /answered/);
  assert.equal(await ada.page.getByText(response).count(), 1, 'the receipt page shows the response');
  await anonymous.page.goto(`${base}/editions/2013/comments`);
  assert.equal(await anonymous.page.getByText(text).count(), 1, 'the accepted comment is public, as text');
  assert.equal(await anonymous.page.getByText(response).count(), 1, 'with its response');
  await assertInert(anonymous.page, 'the edition\'s comments');
  await anonymous.page.screenshot({ path: path.join(out, 'edition-comments.png'), fullPage: true });

  step('the secretariat creates a one-seat workshop through the portal\'s form');
  await sec.page.goto(`${base}/workspace/workshops/new`);
  await checkAccessibility(sec.page);
  await sec.page.getByLabel('Id (its address)').fill('browser-test-workshop');
  await sec.page.getByLabel('Title').fill('Browser test workshop on the lunar vicinity');
  await sec.page.getByLabel('Host agency').selectOption('NASA');
  await sec.page.getByLabel('First day').fill(day(20));
  await sec.page.getByLabel('Last day').fill(day(21));
  await sec.page.getByLabel('Place').fill('Laurel, Maryland');
  await sec.page.getByLabel('Seats').fill('1');
  await sec.page.getByLabel('Registration opens').fill(day(-1));
  await sec.page.getByLabel('Registration closes').fill(day(10));
  await sec.page.getByLabel('Agenda').fill(`${day(20)}T13:00:00Z | ${day(20)}T14:30:00Z | Opening | K. Laurini (NASA)`);
  await sec.page.getByRole('button', { name: 'Create the workshop' }).click();
  await sec.page.waitForURL(`${base}/workshops/browser-test-workshop`);

  step('a visitor takes the seat, a second is waitlisted, a cancellation promotes the second');
  const register = async (who, name, email) => {
    await who.page.goto(`${base}/workshops/browser-test-workshop`);
    await who.page.getByLabel('Your name').fill(name);
    await who.page.getByLabel('Email', { exact: true }).fill(email);
    await who.page.getByRole('button', { name: 'Register' }).click();
    await who.page.waitForURL(/\/registrations\//);
    return who.page.locator('.notice').innerText();
  };
  assert.match(await register(ada, 'Ada', 'ada@example.org'), /Confirmed/);
  const bob = await visitor();
  assert.match(await register(bob, 'Bob', 'bob@example.org'), /waiting list: you are number 1/);
  await checkAccessibility(bob.page);
  await ada.page.getByRole('button', { name: 'Cancel my registration' }).click();
  await ada.page.waitForLoadState();
  assert.match(await ada.page.locator('.notice').innerText(), /Cancelled/);
  await bob.page.reload();
  assert.match(await bob.page.locator('.notice').innerText(), /Confirmed/, 'the first on the waiting list got the seat');
  await bob.page.screenshot({ path: path.join(out, 'registration-promoted.png'), fullPage: true });

  step('a secretariat edit of a page changes its footer\'s date and editor; raw HTML in it stays inert');
  await sec.page.goto(`${base}/pages/why-we-explore/edit`);
  await sec.page.getByLabel('Page editor').fill('Jane Editor');
  const markdown = await sec.page.getByLabel('Text (Markdown; raw HTML is not shown)').inputValue();
  await sec.page.getByLabel('Text (Markdown; raw HTML is not shown)')
    .fill(`${markdown}\n\n<img src=x onerror="window.__xss=4"> A new closing line.`);
  await sec.page.getByLabel('What you changed').fill('a closing line');
  await sec.page.getByRole('button', { name: 'Save a new revision' }).click();
  await sec.page.waitForURL(`${base}/pages/why-we-explore`);
  await anonymous.page.goto(`${base}/pages/why-we-explore`);
  const footer = await anonymous.page.locator('footer').innerText();
  assert.match(footer, new RegExp(`Page last updated: ${day(0)}`), footer);
  assert.match(footer, /Page editor: Jane Editor/, footer);
  await assertInert(anonymous.page, 'the edited page');
  await anonymous.page.screenshot({ path: path.join(out, 'page-edited.png'), fullPage: true });

  assert.deepEqual(accessibility, [], `axe-core found violations:\n${accessibility.join('\n')}`);
  console.log('engagement test: PASS');
} finally {
  await browser.close();
}
