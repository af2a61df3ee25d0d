// Runs queries through byline's search client or Pagefind's in headless
// Chromium (puppeteer-core, which comes with lighthouse in node_modules)
// and prints JSON: per query the result URLs, and for the engine the bytes
// a first and a typical query download and the latency of warm queries.
//
//   node scripts/bench_search_browser.mjs ORIGIN byline|pagefind QUERIES.json
//
// Called by scripts/bench_search.py compare; ORIGIN serves the built site.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const [origin, engine, queryFile] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queryFile, "utf8"));

// In the page: all result URLs of `q`, and the time to the first page of
// results (ten, with their titles and excerpts).
const run = {
  byline: async (q) => {
    const t0 = performance.now();
    const found = await window.bylineSearch.search({ q });
    await window.bylineSearch.docs(found.ids.slice(0, 10), found.meta);
    const ms = performance.now() - t0;
    const docs = await window.bylineSearch.docs(found.ids, found.meta);
    return { ms, urls: docs.map((d) => d.url) };
  },
  pagefind: async (q) => {
    const pf = window.__pf || (window.__pf = await import("/pagefind/pagefind.js"));
    const t0 = performance.now();
    const found = await pf.search(q);
    await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    const ms = performance.now() - t0;
    const data = await Promise.all(found.results.map((r) => r.data()));
    return { ms, urls: data.map((d) => d.url) };
  },
}[engine];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic"],
});

// Bytes a fresh browser downloads for one query besides the page itself.
async function firstQueryBytes(q) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  await page.goto(origin + "/search/", { waitUntil: "networkidle0" });
  let bytes = 0;
  const files = [];
  const urls = new Map();
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    files.push(urls.get(e.requestId));
  });
  await page.evaluate(run, q);
  await new Promise((r) => setTimeout(r, 300));
  await context.close();
  return { q, bytes, requests: files.length };
}

const page = await browser.newPage();
await page.goto(origin + "/search/", { waitUntil: "networkidle0" });
const results = [];
for (const q of queries) {
  const first = await page.evaluate(run, q);
  const warm = await page.evaluate(run, q);
  results.push({ q, urls: first.urls, warm_ms: warm.ms });
}
const first = await firstQueryBytes(queries[0]);
const typical = [];
for (const q of queries.slice(1, 11)) typical.push(await firstQueryBytes(q));
typical.sort((a, b) => a.bytes - b.bytes);
console.log(JSON.stringify({ engine, results, first, typical }));
await browser.close();
