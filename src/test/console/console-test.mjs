// Drives the operator console (D45) in Debian's chromium through playwright-core: refuses without the token, logs in,
// retries one dead job and sees it done, drops another after a cancelled confirmation, and saves screenshots.
// Run by ConsoleBrowserTest with CONSOLE_URL, ADMIN_TOKEN, RETRY_JOB, DROP_JOB and SHOTS (a folder); with MODE=outage
// (Redis stopped) or MODE=recovered (Redis back) it only looks at what the page shows then.
import { chromium } from 'playwright-core';

const { CONSOLE_URL, ADMIN_TOKEN, RETRY_JOB, DROP_JOB, SHOTS, MODE } = process.env;
const WAIT = 30_000;

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log('ok - ' + message);
}

async function showState(page, state) {
  await page.click(`#states button[data-state="${state}"]`);
  await page.waitForSelector(`#states button.selected[data-state="${state}"]`);
}

async function confirm(page, how, job, answer) {
  await page.click(`#jobs button[data-action="${how}"][data-job="${job}"]`);
  await page.waitForSelector('#confirm[open]');
  check((await page.textContent('#confirm-text')).includes(job), `${how} asks for confirmation naming ${job}`);
  await page.click(answer === 'ok' ? '#confirm-ok' : '#confirm-cancel');
  await page.waitForSelector('#confirm', { state: 'hidden' });
}

async function logIn(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(CONSOLE_URL);
  await page.fill('#token', ADMIN_TOKEN);
  await page.click('#login-button');
  await page.waitForSelector('#console:not([hidden])');
  return page;
}

async function redis(browser, up) {
  const page = await logIn(browser);
  if (up) {
    await page.waitForFunction(() => document.querySelector('#banner').hidden
      && document.querySelector('#pills').textContent.includes('Redis ok'), null, { polling: 1000 });
    check(true, 'with Redis back the banner is gone and the pill says Redis ok');
    await page.screenshot({ path: `${SHOTS}/console-redis-back.png`, fullPage: true });
    return;
  }
  await page.waitForFunction(() => !document.querySelector('#banner').hidden
    && document.querySelector('#pills').textContent.includes('Redis unavailable'), null, { polling: 1000 });
  check(true, 'while Redis is away a banner says so and the pill says Redis unavailable');
  const counts = await page.textContent('#states');
  check(/dead\s*\d/.test(counts) && !counts.includes('?'), 'the queue counts last read are still shown: ' + counts);
  check(Number(await page.textContent('[data-total="jobs completed"] .value')) > 0, 'the lasting totals last read are still shown');
  await page.screenshot({ path: `${SHOTS}/console-redis-down.png`, fullPage: true });
}

async function operate(browser) {
  const stranger = await browser.newContext();
  const guest = await stranger.newPage();
  await guest.goto(CONSOLE_URL);
  await guest.waitForSelector('#login-form');
  check(await guest.isHidden('#console'), 'without a token the console shows only the token form');
  const status = await guest.evaluate(async () => (await fetch('/admin/console')).status);
  check(status === 401, 'the console API answers 401 without the token');
  await guest.fill('#token', 'not-the-token');
  await guest.click('#login-button');
  await guest.waitForFunction(() => document.querySelector('#login-error').textContent.includes('refused'));
  check(await guest.isHidden('#console'), 'a wrong token is refused and shows no data');
  await guest.screenshot({ path: `${SHOTS}/console-refused.png` });
  await stranger.close();

  const page = await logIn(browser);
  check(await page.evaluate(() => sessionStorage.length === 1 && localStorage.length === 0),
    'the token is kept in this tab only (sessionStorage)');
  await showState(page, 'dead');
  await page.waitForSelector(`#jobs tr[data-job="${RETRY_JOB}"]`);
  await page.waitForSelector(`#jobs tr[data-job="${DROP_JOB}"]`);
  check(true, 'both dead jobs are listed');
  await page.waitForSelector('#slots tbody tr');
  await page.screenshot({ path: `${SHOTS}/console-dead.png`, fullPage: true });

  await confirm(page, 'retry', RETRY_JOB, 'ok');
  await page.waitForSelector(`#jobs tr[data-job="${RETRY_JOB}"]`, { state: 'detached' });
  check(true, 'the retried job left the dead list');
  await showState(page, 'done');
  await page.waitForFunction((job) => {
    document.querySelector('#states button[data-state="done"]').click();
    return Boolean(document.querySelector(`#recent tbody td`)
      && [...document.querySelectorAll('#recent tbody tr')].some((tr) => tr.textContent.includes(job)
        && tr.textContent.includes('verified')));
  }, RETRY_JOB, { polling: 1000 });
  check(true, 'the retried job is done, with a verified receipt, among the last jobs');

  await showState(page, 'dead');
  await confirm(page, 'drop', DROP_JOB, 'cancel');
  check(await page.isVisible(`#jobs tr[data-job="${DROP_JOB}"]`), 'a cancelled confirmation leaves the job dead');
  await confirm(page, 'drop', DROP_JOB, 'ok');
  await page.waitForSelector(`#jobs tr[data-job="${DROP_JOB}"]`, { state: 'detached' });
  await page.waitForFunction((job) => [...document.querySelectorAll('#recent tbody tr')]
    .some((tr) => tr.textContent.includes(job) && tr.textContent.includes('E_INTERNAL')), DROP_JOB, { polling: 1000 });
  check(true, 'the dropped job is reported as failed (E_INTERNAL)');
  await page.screenshot({ path: `${SHOTS}/console.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, 'the page fits a phone screen (no sideways scrolling of the page)');
  await page.screenshot({ path: `${SHOTS}/console-phone.png`, fullPage: true });

  await page.click('#logout');
  await page.waitForSelector('#login-form');
  check(await page.evaluate(() => sessionStorage.length === 0), 'forgetting the token clears it from the tab');
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  await (MODE ? redis(browser, MODE === 'recovered') : operate(browser));
} finally {
  await browser.close();
}
