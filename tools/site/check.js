#!/usr/bin/env node
// check.js: opens every page of the built site in headless Chromium (make test-html).
//
//   node tools/site/check.js build/html build/html-check [--full] [--tiles]
//
// Fails when, on any page:
//   - an image has not loaded (naturalWidth 0),
//   - a link to a local file does not resolve, or its #anchor is not an id of the target page,
//   - the console reports an error (or a script throws),
//   - the page asks for anything off the machine (any request that is not file: or data:),
//   - a claim label [CN.k] of the text is not a link (to the Claims page),
//   - at 390 px (a phone) the page is wider than the screen.
// Saves screenshots under the second directory: NAME-390.png, the whole page on a phone
// (390 px wide, light; at most 16000 px tall), NAME-1280.png, its first screen on a desktop
// (1280 x 900), and NAME-390-dark.png, the phone's first screen in dark mode. --full takes
// the whole page at 1280 px too; --tiles also cuts each page into screen-sized tiles
// (NAME-WIDTH-N.png), easier to read than one long image. Both cost time: a review, not CI.
//
// Chromium is driven through its DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages ending in a NUL byte on file descriptors 3 and 4), so nothing beyond Node
// and Debian's chromium is needed.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');

const [siteArg, shotsArg, ...opts] = process.argv.slice(2);
if (!siteArg || !shotsArg) { console.error('usage: check.js SITE-DIR SCREENSHOT-DIR [--full] [--tiles]'); process.exit(2); }
const site = path.resolve(siteArg), shots = path.resolve(shotsArg);
const tiles = opts.includes('--tiles'), full = opts.includes('--full');
const MAX_HEIGHT = 16000;   // Chromium draws at most about 16k pixels in one capture

const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else if (e.name.endsWith('.html')) pages.push(p);
  }
})(site);
if (!pages.length) { console.error(`check.js: no .html page under ${siteArg}; run make html`); process.exit(1); }
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });

// ---- Chromium and the protocol ----
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nncourse-chromium-'));
const log = fs.openSync(path.join(shots, 'chromium.log'), 'w');
const browser = spawn(process.env.CHROMIUM || 'chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-extensions', '--hide-scrollbars', '--force-color-profile=srgb',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', log, log, 'pipe', 'pipe'] });
browser.on('error', (e) => { console.error(`check.js: cannot start chromium: ${e.message}`); process.exit(1); });
browser.on('exit', (code) => { if (!done) { console.error(`check.js: chromium exited (${code}); see ${shotsArg}/chromium.log`); process.exit(1); } });

let nextId = 1, done = false, buffered = '';
const waiting = new Map(), listeners = [];
browser.stdio[4].on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let end;
  while ((end = buffered.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (msg.id && waiting.has(msg.id)) {
      const { resolve, reject, method } = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) reject(new Error(`${method}: ${msg.error.message}`)); else resolve(msg.result);
    } else if (msg.method) {
      for (const f of listeners) f(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject, method }));
}
function once(method, sessionId) {
  return new Promise((resolve) => {
    const f = (msg) => {
      if (msg.method === method && msg.sessionId === sessionId) { listeners.splice(listeners.indexOf(f), 1); resolve(msg.params); }
    };
    listeners.push(f);
  });
}
const withTimeout = (p, s, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${s} s`)), s * 1000))]);

// ---- The checks ----
const problems = [];
const idsOf = new Map();      // page file -> Set of ids
const links = [];             // [page, href]
let current = null;           // the page being checked, for events
const requested = new Map();  // request id -> URL
const rel = (p) => path.relative(site, p);

listeners.push((msg) => {
  const p = msg.params || {};
  const where = current ? rel(current) : '(no page)';
  if (msg.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
    problems.push(`${where}: console ${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
  } else if (msg.method === 'Runtime.exceptionThrown') {
    problems.push(`${where}: script error: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
  } else if (msg.method === 'Log.entryAdded' && p.entry.level === 'error') {
    problems.push(`${where}: console error: ${p.entry.text}${p.entry.url ? ' (' + p.entry.url + ')' : ''}`);
  } else if (msg.method === 'Network.requestWillBeSent') {
    requested.set(p.requestId, p.request.url);
    if (!/^(file|data|about):/.test(p.request.url)) problems.push(`${where}: request off the machine: ${p.request.url}`);
  } else if (msg.method === 'Network.loadingFailed' && !p.canceled) {
    problems.push(`${where}: ${requested.get(p.requestId) ?? 'a resource'} failed to load (${p.errorText})`);
  }
});

// Runs in the page: what did not load, where the links go, which ids exist, how wide it is.
const INSPECT = `JSON.stringify({
  broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute('src')),
  links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
  ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
  unlinked: (() => {       // claim labels in the text that are not links to the Claims page
    const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const t = walk.currentNode;
      if (/\\[C\\d+\\.\\d+\\]/.test(t.data) && !t.parentElement.closest('a, code, pre')) out.push(t.data.trim().slice(0, 80));
    }
    return out;
  })(),
  width: document.documentElement.scrollWidth,
  height: Math.ceil(document.documentElement.scrollHeight),
})`;

async function capture(session, file, width, height) {
  await send('Emulation.setDeviceMetricsOverride', { width, height: Math.min(height, MAX_HEIGHT), deviceScaleFactor: 1, mobile: width < 600 }, session);
  const { data } = await send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true }, session);
  fs.writeFileSync(path.join(shots, file), Buffer.from(data, 'base64'));
}

async function inspect(session) {
  await send('Runtime.evaluate', { expression: 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))', awaitPromise: true }, session);
  return JSON.parse((await send('Runtime.evaluate', { expression: INSPECT, returnByValue: true }, session)).result.value);
}

async function main() {
  const started = Date.now();
  const { targetId } = await withTimeout(send('Target.createTarget', { url: 'about:blank' }), 60, 'chromium start');
  const { sessionId: s } = await send('Target.attachToTarget', { targetId, flatten: true });
  for (const m of ['Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable']) await send(m, {}, s);
  let shotCount = 0;
  for (const page of pages) {
    current = page;
    const name = rel(page).replace(/\.html$/, '').replace(/[\/]/g, '_');
    await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] }, s);
    await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false }, s);
    const loaded = once('Page.loadEventFired', s);
    await send('Page.navigate', { url: pathToFileURL(page).href }, s);
    await withTimeout(loaded, 30, `loading ${rel(page)}`);
    const info = await inspect(s);
    for (const src of info.broken) problems.push(`${rel(page)}: image not loaded (naturalWidth 0): ${src}`);
    for (const text of info.unlinked) problems.push(`${rel(page)}: a claim label that is not a link: "${text}"`);
    idsOf.set(page, new Set(info.ids));
    for (const href of new Set(info.links)) links.push([page, href]);
    for (const [width, tall] of [[1280, 900], [390, 844]]) {
      await send('Emulation.setDeviceMetricsOverride', { width, height: tall, deviceScaleFactor: 1, mobile: width < 600 }, s);
      const at = await inspect(s);
      if (width === 390 && at.width > width) problems.push(`${rel(page)}: ${at.width} px wide on a 390 px screen (something does not wrap or scroll)`);
      const whole = width === 390 || full;    // the phone's whole page; the desktop's first screen
      await capture(s, `${name}-${width}.png`, width, whole ? at.height : tall); shotCount++;
      for (let y = 0, k = 1; tiles && y < at.height; y += tall, k++) {
        const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
          clip: { x: 0, y, width, height: Math.min(tall, at.height - y), scale: 1 } }, s);
        fs.writeFileSync(path.join(shots, `${name}-${width}-${k}.png`), Buffer.from(data, 'base64')); shotCount++;
      }
    }
    await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] }, s);
    await inspect(s);
    await capture(s, `${name}-390-dark.png`, 390, 844); shotCount++;
    if (process.env.CHECK_TIMES) console.log(rel(page), ((Date.now() - started) / 1000).toFixed(1));
  }
  current = null;

  // Links, once every page's ids are known.
  for (const [page, href] of links) {
    const u = new URL(href);
    if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:') continue;   // not fetched
    if (u.protocol !== 'file:') { problems.push(`${rel(page)}: link of an unexpected kind: ${href}`); continue; }
    const target = fileURLToPath(u.href.replace(/#.*$/, ''));
    if (!fs.existsSync(target)) { problems.push(`${rel(page)}: link to a missing file: ${path.relative(site, target)}`); continue; }
    const anchor = decodeURIComponent(u.hash.slice(1));
    if (anchor) {
      const ids = idsOf.get(target);
      if (!ids) problems.push(`${rel(page)}: link with an anchor into a file that is not a page of the site: ${href}`);
      else if (!ids.has(anchor)) problems.push(`${rel(page)}: link to a missing anchor: ${path.relative(site, target)}#${anchor}`);
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length) {
    for (const p of problems) console.log(`not ok - ${p}`);
    console.log(`check.js: ${problems.length} problems on ${pages.length} pages (${seconds} s)`);
  } else {
    console.log(`check.js: ${pages.length} pages, ${links.length} links, ${shotCount} screenshots in ${shotsArg}: `
      + `no broken image, link or anchor, no console error, no request off the machine (${seconds} s)`);
  }
  return problems.length ? 1 : 0;
}

main().then((code) => finish(code), (e) => { console.error(`check.js: ${e.message}`); finish(1); });
function finish(code) {
  done = true;
  const cleanUp = () => {
    try { fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } catch (e) { /* a helper process still closing: /tmp keeps it */ }
    process.exit(code);
  };
  browser.on('exit', cleanUp);
  send('Browser.close').catch(() => browser.kill());   // the clean way; kill if it does not answer
  setTimeout(() => browser.kill('SIGKILL'), 5000).unref();
}
