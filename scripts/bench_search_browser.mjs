// Runs queries through byline's search client or Pagefind's in headless
// Chromium (puppeteer-core, which comes with lighthouse in node_modules)
// and prints JSON: per query the result URLs and the latency of a warm
// query; then it runs the first eleven queries once more, each in a fresh
// browser context between two requests to /__mark/ (the server counts
// the bytes a first query downloads).
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

// In the page: the time to the first page of results (ten, with their
// titles and excerpts, what a reader sees) and, with `all`, every result's URL.
const run = {
  byline: async ([q, all]) => {
    const t0 = performance.now();
    const found = await window.bylineSearch.search({ q });
    await window.bylineSearch.docs(found.ids.slice(0, 10), found.meta);
    const ms = performance.now() - t0;
    const docs = all ? await window.bylineSearch.docs(found.ids, found.meta) : [];
    return { ms, urls: docs.map((d) => d.url) };
  },
  pagefind: async ([q, all]) => {
    const pf = window.__pf || (window.__pf = await import("/pagefind/pagefind.js"));
    const t0 = performance.now();
    const found = await pf.search(q);
    await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    const ms = performance.now() - t0;
    const data = all ? await Promise.all(found.results.map((r) => r.data())) : [];
    return { ms, urls: data.map((d) => d.url) };
  },
}[engine];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic"],
});

// One query in a fresh browser: the static server (scripts/bench_search.py)
// counts the bytes it sends between the two marks.
async function firstQuery(q) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(origin + "/search/", { waitUntil: "networkidle0" });
  await page.evaluate(() => fetch("/__mark/begin"));
  await page.evaluate(run, [q, false]);
  await page.evaluate(() => fetch("/__mark/end"));
  await context.close();
  return q;
}

const page = await browser.newPage();
await page.goto(origin + "/search/", { waitUntil: "networkidle0" });
const results = [];
// BENCH_BYTES_ONLY=1: bytes and warm latency only, no result lists.
for (const q of process.env.BENCH_BYTES_ONLY ? [] : queries) {
  const first = await page.evaluate(run, [q, true]);
  const warm = await page.evaluate(run, [q, false]);
  results.push({ q, urls: first.urls, warm_ms: warm.ms });
}
const fresh = [];
for (const q of queries.slice(0, 11)) fresh.push(await firstQuery(q));
if (process.env.BENCH_BYTES_ONLY) {
  for (const q of queries) {
    await page.evaluate(run, [q, false]);
    results.push({ q, urls: [], warm_ms: (await page.evaluate(run, [q, false])).ms });
  }
}
console.log(JSON.stringify({ engine, results, fresh }));
await browser.close();
