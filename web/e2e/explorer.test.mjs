// End-to-end tests of the graph explorer and GraphiQL in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser downloads). Run by scripts/e2e.sh,
// which starts the server and sets BASE_URL. Screenshots go to e2e/screenshots/ and are checked
// for blank renders.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const BASE = (process.env.BASE_URL ?? "").replace(/\/$/, "");
if (!BASE) throw new Error("set BASE_URL to the running server, e.g. http://127.0.0.1:8080");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");
mkdirSync(SHOTS, { recursive: true });

const PLAN = "actionplan:samen-tegen-mensenhandel";

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
});

/**
 * A fresh page on the explorer (or another path). Every request must go to the server itself:
 * anything else (a CDN, a font service) is blocked and fails the test.
 */
async function open(t, path = "/", { wait = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const external = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(BASE + "/") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(external, [], "requests outside the server");
    assert.deepEqual(errors, [], "errors in the page");
  });
  await page.goto(BASE + path);
  if (wait) await ready(page);
  return page;
}

/** Waits until the explorer is idle: loaded, no request in flight, layout stopped. */
async function ready(page) {
  await page.waitForFunction(() => window.__explorer?.ready === true, null, { timeout: 30000 });
}

function explorer(page) {
  return page.evaluate(() => {
    const e = window.__explorer;
    return {
      nodeCount: e.nodeCount,
      edgeCount: e.edgeCount,
      visibleNodeCount: e.visibleNodeCount,
      hiddenCount: e.hiddenCount,
      selected: e.selected,
      highlightedPath: e.highlightedPath,
      expanded: e.expanded,
      lastError: e.lastError,
    };
  });
}

/**
 * Colour statistics of a PNG, decoded in the page: distinct colours (quantised to 4 bits per
 * channel) and the share of pixels that are not (near) white.
 */
async function pngStats(page, png) {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bmp, 0, 0);
    const { data } = ctx.getImageData(0, 0, bmp.width, bmp.height);
    const colours = new Set();
    let nonWhite = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
      if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) nonWhite++;
    }
    return { width: bmp.width, height: bmp.height, colours: colours.size, nonWhite: nonWhite / (data.length / 4) };
  }, Buffer.from(png).toString("base64"));
}

function assertDrawn(stats, what, minColours = 12) {
  assert.ok(stats.colours >= minColours, `${what}: only ${stats.colours} colours — a blank render?`);
  assert.ok(stats.nonWhite > 0.005, `${what}: ${(stats.nonWhite * 100).toFixed(2)}% non-white pixels — a blank render?`);
}

/** A screenshot of the page (saved) and a check that the graph canvas is not blank. */
async function shoot(page, name, { graph = true } = {}) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  if (graph) {
    const stats = await pngStats(page, await page.locator("#sigma").screenshot());
    assertDrawn(stats, `${name} (graph area)`);
    return stats;
  }
  return null;
}

async function closeIntro(page) {
  if (await page.locator("#intro").isVisible()) await page.click("#intro-close");
}

async function search(page, text, name) {
  await page.fill("#search", "");
  await page.fill("#search", text);
  const hit = page.locator("#results li.hit", { hasText: name }).first();
  await hit.waitFor({ timeout: 10000 });
  return hit;
}

/** Where a node is drawn, asserting that it is inside the graph area. */
async function nodePoint(page, id) {
  const p = await page.evaluate((id) => window.__explorer.position(id), id);
  assert.ok(p, `${id} is not in the graph`);
  const box = await page.locator("#sigma").boundingBox();
  assert.ok(p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height, `${id} is off-screen`);
  return p;
}

describe("graph explorer", () => {
  test("starts on the action plan with its actielijnen and who carries them", async (t) => {
    const page = await open(t);
    const s = await explorer(page);
    assert.ok(s.nodeCount > 0, "no nodes");
    assert.ok(s.edgeCount > 0, "no edges");
    assert.equal(s.lastError, null);
    const ids = await page.evaluate(() => window.__explorer.nodes());
    assert.ok(ids.includes(PLAN), "the action plan is not shown");
    assert.ok(ids.filter((id) => id.startsWith("actielijn:")).length >= 3, "fewer than 3 actielijnen");
    assert.ok(ids.some((id) => id.startsWith("org:")), "no organisations");
    // The legend: a chip per label shown, with its colour.
    const labels = await page.locator("#label-chips .chip").evaluateAll((cs) => cs.map((c) => c.dataset.label));
    for (const l of ["ActionPlan", "Actielijn", "Organisation"]) assert.ok(labels.includes(l), `no legend entry for ${l}`);
    assert.ok((await page.locator("#type-chips .chip").count()) > 0, "no relation chips");
    const stats = await shoot(page, "01-start");
    assert.ok(stats.colours >= 20, `start graph: ${stats.colours} colours`);
    // Hovering a node highlights its neighbours.
    await closeIntro(page);
    const p = await nodePoint(page, PLAN);
    await page.mouse.move(p.x, p.y);
    await page.waitForFunction((id) => window.__explorer.hovered === id, PLAN);
    await shoot(page, "01b-hover");
    await page.mouse.move(5, 5);
  });

  test("search finds CKM by its abbreviation; the panel explains with evidence and documents", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const hit = await search(page, "CKM", "Centrum tegen Kinderhandel en Mensenhandel");
    assert.equal(await hit.getAttribute("data-id"), "org:ckm");
    await shoot(page, "02a-search", { graph: false });
    await hit.click();
    await page.waitForFunction(() => window.__explorer.selected === "org:ckm");
    await page.locator('#panel[data-loaded="true"][data-shown="org:ckm"]').waitFor();
    await ready(page);
    assert.ok(await page.evaluate(() => window.__explorer.hasNode("org:ckm")));
    assert.match(await page.locator("#panel h2").first().innerText(), /Centrum tegen Kinderhandel en Mensenhandel/);
    assert.match(await page.locator("#panel .aliases").innerText(), /CKM/);
    // Relations with their evidence, each citing a document with a date.
    const evidence = page.locator("#panel .evidence");
    assert.ok((await evidence.count()) > 0, "no evidence in the panel");
    const citations = await page.locator("#panel .evidence .citation").allTextContents();
    assert.ok(citations.length > 0 && citations.every((c) => c.trim()), "evidence without a document citation");
    assert.ok(citations.some((c) => /Kamerstuk \d/.test(c)), `no Kamerstuk citation among ${citations.join(" | ")}`);
    assert.match(page.url(), /#node=org:ckm/);
    // Accent- and case-insensitive, by alias: "coordinatiecentrum" is CoMensha.
    const alias = await search(page, "coordinatiecentrum", "CoMensha");
    assert.equal(await alias.getAttribute("data-id"), "org:comensha");
    await page.keyboard.press("Escape");
    await shoot(page, "02b-ckm-panel");
  });

  test("the document view highlights the quote at its offsets", async (t) => {
    const page = await open(t, "/#node=org:ckm");
    await page.locator('#panel[data-loaded="true"]').waitFor();
    // Prefer a relation's evidence in a Kamerstuk.
    const item = page.locator("#panel .rel .evidence", { has: page.locator(".citation", { hasText: "Kamerstuk" }) }).first();
    const quote = (await item.locator("blockquote").innerText()).trim();
    await item.locator(".open-doc").click();
    await page.locator("#docview mark#quote").waitFor();
    const marked = (await page.locator("#docview mark#quote").innerText()).trim();
    assert.equal(marked, quote, "the highlighted text is not the quote");
    const hl = await page.evaluate(() => window.__explorer.docHighlight);
    assert.equal(hl.ok, true, "offsets did not match the document text");
    assert.match(await page.locator("#docview .doc-meta").innerText(), /Kamerstuk \d/);
    assert.ok(await page.locator("#docview mark#quote").isVisible(), "the quote is not scrolled into view");
    await shoot(page, "03-document", { graph: false });
    await page.keyboard.press("Escape");
    assert.ok(await page.locator("#docview").isHidden());
  });

  test("a link opens the same node", async (t) => {
    const page = await open(t, "/#node=org:ckm");
    const s = await explorer(page);
    assert.equal(s.selected, "org:ckm");
    await page.locator('#panel[data-loaded="true"][data-shown="org:ckm"]').waitFor();
    assert.match(await page.locator("#panel h2").first().innerText(), /Centrum tegen Kinderhandel/);
    assert.ok(s.nodeCount > 1);
  });

  test("double-click expands a node without moving the others; undo takes it back", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const before = await explorer(page);
    const target = (await page.evaluate(() => window.__explorer.nodes())).includes("org:comensha") ? "org:comensha" : PLAN;
    const positions = await page.evaluate(() => Object.fromEntries(window.__explorer.nodes().map((id) => [id, window.__explorer.graphPosition(id)])));
    const p = await nodePoint(page, target);
    await page.mouse.dblclick(p.x, p.y);
    await page.waitForFunction((n) => window.__explorer.nodeCount > n, before.nodeCount, { timeout: 15000 });
    await ready(page);
    const afterExpand = await explorer(page);
    assert.ok(afterExpand.nodeCount > before.nodeCount, `expanding added no nodes (${before.nodeCount} → ${afterExpand.nodeCount})`);
    assert.ok(afterExpand.expanded.includes(target));
    const moved = await page.evaluate((old) => {
      const out = [];
      for (const [id, p] of Object.entries(old)) {
        const q = window.__explorer.graphPosition(id);
        if (!q || q.x !== p.x || q.y !== p.y) out.push(id);
      }
      return out;
    }, positions);
    assert.deepEqual(moved, [], "nodes already placed moved");
    assert.match(page.url(), new RegExp(`expand=${target}`));
    await shoot(page, "04-expanded");
    await page.click("#btn-undo");
    await page.waitForFunction((n) => window.__explorer.nodeCount === n, before.nodeCount);
    assert.equal((await explorer(page)).edgeCount, before.edgeCount);
    assert.deepEqual((await explorer(page)).expanded, []);
  });

  test("the shortest path between two organisations is highlighted", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    await page.click("#btn-path");
    await (await search(page, "Fier", "Fier")).click();
    await page.waitForFunction(() => window.__explorer.pathMode);
    await (await search(page, "VNG", "Vereniging van Nederlandse Gemeenten")).click();
    await page.waitForFunction(() => window.__explorer.highlightedPath !== null, null, { timeout: 15000 });
    await ready(page);
    const s = await explorer(page);
    assert.equal(s.highlightedPath[0], "org:fier");
    assert.ok(s.highlightedPath.includes("org:vng"));
    assert.ok(s.highlightedPath.length >= 2);
    const steps = await page.locator("#panel .path-steps .path-edge").count();
    assert.equal(steps, s.highlightedPath.length - 1, "the panel does not list every step");
    assert.ok((await page.locator("#panel .path-steps .evidence .citation").count()) > 0, "path steps without evidence");
    assert.match(page.url(), /path=org:fier,org:vng/);
    const stats = await shoot(page, "05-path");
    assert.ok(stats.colours >= 12);
    // The path survives a reload from the link.
    const again = await open(t, "/" + new URL(page.url()).hash);
    assert.deepEqual((await explorer(again)).highlightedPath, s.highlightedPath);
  });

  test("the date filter hides nodes outside the range; chips hide labels and relations", async (t) => {
    const page = await open(t);
    await closeIntro(page);
    const s0 = await explorer(page);
    assert.equal(s0.hiddenCount, 0);
    await page.fill("#date-from", "2025-01-01");
    await page.waitForFunction(() => window.__explorer.hiddenCount > 0);
    const s1 = await explorer(page);
    assert.ok(s1.hiddenCount > 0 && s1.visibleNodeCount < s1.nodeCount, "the date filter hid nothing");
    assert.match(page.url(), /from=2025-01-01/);
    await shoot(page, "06-date-filter", { graph: false });
    await page.click("#date-clear");
    await page.waitForFunction(() => window.__explorer.hiddenCount === 0);
    await page.click('#label-chips .chip[data-label="Action"]');
    const s2 = await explorer(page);
    assert.ok(s2.hiddenCount > 0, "hiding Actions hid nothing");
    assert.match(page.url(), /hide=Action/);
    await page.click('#label-chips .chip[data-label="Action"]');
    await page.click('#type-chips .chip[data-type="PART_OF"]');
    assert.ok((await explorer(page)).hiddenCount > 0, "hiding PART_OF hid nothing");
  });

  test("exports the view as PNG and the graph as GEXF", async (t) => {
    const page = await open(t);
    const png = await page.evaluate(async () => {
      const b = await window.__explorer.pngBlob();
      const buf = new Uint8Array(await b.arrayBuffer());
      let s = "";
      for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const bytes = Buffer.from(png, "base64");
    assert.equal(bytes.subarray(1, 4).toString(), "PNG");
    assertDrawn(await pngStats(page, bytes), "PNG export");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#btn-gexf")]);
    assert.equal(download.suggestedFilename(), "beleidsgraaf.gexf");
    const gexf = readFileSync(await download.path(), "utf8");
    const s = await explorer(page);
    assert.match(gexf, /<gexf /);
    assert.equal((gexf.match(/<node /g) ?? []).length, s.visibleNodeCount);
    assert.match(gexf, /actionplan:samen-tegen-mensenhandel/);
    const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.click("#btn-png")]);
    assert.equal(pngDownload.suggestedFilename(), "beleidsgraaf.png");
  });
});

describe("GraphiQL", () => {
  test("loads offline and runs a query", async (t) => {
    const page = await open(t, "/graphiql?query=" + encodeURIComponent("{ stats { totalNodes totalEdges } }"), { wait: false });
    await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
    await page.locator(".graphiql-query-editor", { hasText: "totalEdges" }).waitFor();
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".result-window", { hasText: "totalNodes" }).waitFor({ timeout: 10000 });
    const result = await page.locator(".result-window").innerText();
    assert.match(result, /"totalNodes": \d+/);
    // The schema loaded by introspection: the documentation explorer lists the query type.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.locator(".graphiql-doc-explorer", { hasText: "Query" }).waitFor({ timeout: 10000 });
    await shoot(page, "07-graphiql", { graph: false });
    const stats = await pngStats(page, await page.screenshot());
    assertDrawn(stats, "GraphiQL", 8);
  });

  test("a browser opening /graphql gets GraphiQL; JSON clients get GraphQL", async (t) => {
    const page = await open(t, "/graphql", { wait: false });
    await page.locator(".graphiql-container").waitFor({ timeout: 20000 });
    const res = await page.request.get(BASE + "/graphql?query=" + encodeURIComponent("{ stats { totalNodes } }"), {
      headers: { Accept: "application/json" },
    });
    assert.equal(res.status(), 200);
    assert.ok((await res.json()).data.stats.totalNodes > 0);
  });
});
